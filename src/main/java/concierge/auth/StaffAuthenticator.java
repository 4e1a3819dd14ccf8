package concierge.auth;

import concierge.errors.UnauthorizedException;
import concierge.messaging.Caller;

/** Turns a staff token into the staff of the one enterprise it gives access to. */
public final class StaffAuthenticator {

    private final Credentials credentials;

    public StaffAuthenticator(Credentials credentials) {
        this.credentials = credentials;
    }

    public Caller.Staff authenticate(String staffToken) {
        return credentials.findStaffEnterprise(Tokens.hash(staffToken)).map(Caller.Staff::new)
                .orElseThrow(() -> new UnauthorizedException("Unauthorized: the staff token is not valid."));
    }
}
