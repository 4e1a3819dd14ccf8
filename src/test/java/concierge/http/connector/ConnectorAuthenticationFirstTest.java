package concierge.http.connector;

import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import concierge.auth.ConnectorAuthenticator;
import concierge.auth.Credentials;
import concierge.errors.UnauthorizedException;
import concierge.http.JsonFields;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.Request;
import concierge.ids.EnterpriseId;
import concierge.limits.FailedAuthentications;
import concierge.limits.InProcessRateLimiter;
import concierge.limits.TokenBudget;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A Connector operation sees its body only once the caller is authenticated: bad credentials are
 * answered 401 whatever else is wrong with the body. What decides the answer before that are the
 * credentials' own fields (D15, D18).
 */
class ConnectorAuthenticationFirstTest {

    /** Knows no token: every well-formed request is unauthenticated. */
    private static final Credentials NO_ONE = new Credentials() {
        @Override
        public Optional<IntegrationCredentials> findIntegration(String accessTokenHash) {
            return Optional.empty();
        }

        @Override
        public Optional<EnterpriseId> findStaffEnterprise(String staffTokenHash) {
            return Optional.empty();
        }
    };

    private final AtomicBoolean operationRan = new AtomicBoolean();
    private final Operation operation = new ConnectorApi(
            new FailedAuthentications(1000, Duration.ofMinutes(1), System::nanoTime),
            new TokenBudget(new InProcessRateLimiter(1000, Duration.ofSeconds(30), System::nanoTime), 1000, 30, "AccessToken"),
            new ConnectorAuthenticator(NO_ONE), null, null, null, null)
            .connector((caller, body) -> {
                operationRan.set(true);
                return Reply.ok(body);
            });

    @Test
    void anUnknownTokenWithABadBodyIsUnauthorizedAndTheOperationDoesNotRun() {
        Throwable thrown = catchThrowable(() -> operation.handle(request(
                "{'ClientToken': 'C', 'AccessToken': 'A', 'Client': 'c', 'Limitation': 'bad'}")));

        assertThat(thrown).isInstanceOf(UnauthorizedException.class);
        assertThat(operationRan).isFalse();
    }

    @Test
    void aBadCredentialFieldIsRefusedBeforeTheTokensAreLookedUp() {
        assertThat(refusal(() -> operation.handle(request(
                "{'ClientToken': 'C', 'AccessToken': 'A', 'Client': 'c', 'LanguageCode': 'en'}"))))
                .isEqualTo("Invalid CultureCode: LanguageCode and CultureCode must be sent together.");
        assertThat(operationRan).isFalse();
    }

    private static Request request(String body) {
        JsonFields fields = json(body);
        return new Request(fields, name -> Optional.empty(), InetAddress.getLoopbackAddress());
    }
}
