package concierge.auth;

import concierge.errors.UnauthorizedException;
import java.util.UUID;

/** Turns a staff token into the one enterprise it gives access to. */
public final class StaffAuthenticator {

    private final Credentials credentials;

    public StaffAuthenticator(Credentials credentials) {
        this.credentials = credentials;
    }

    public UUID enterpriseOf(String staffToken) {
        return credentials.findStaffEnterprise(Tokens.hash(staffToken))
                .orElseThrow(() -> new UnauthorizedException("Unauthorized: the staff token is not valid."));
    }
}
