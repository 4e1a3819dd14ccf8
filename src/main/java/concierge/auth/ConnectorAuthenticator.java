package concierge.auth;

import concierge.errors.UnauthorizedException;
import concierge.messaging.Caller;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** Turns the ClientToken and AccessToken of a Connector request into the caller they stand for. */
public final class ConnectorAuthenticator {

    private final Credentials credentials;

    public ConnectorAuthenticator(Credentials credentials) {
        this.credentials = credentials;
    }

    public Caller.Application authenticate(String clientToken, String accessToken) {
        Credentials.IntegrationCredentials found = credentials.findIntegration(Tokens.hash(accessToken))
                .orElseThrow(() -> new UnauthorizedException("Invalid AccessToken: no integration has this token."));
        byte[] presented = Tokens.hash(clientToken).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = found.clientTokenHash().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, expected)) {
            throw new UnauthorizedException("Invalid ClientToken: it does not belong to the AccessToken's client.");
        }
        if (!found.enabled()) {
            throw new UnauthorizedException("Invalid AccessToken: the integration is disabled.");
        }
        return new Caller.Application(found.clientId(), found.clientName(), found.integrationId(), found.enterpriseIds(),
                found.defaultEnterpriseId());
    }
}
