package concierge.http;

import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One answered request, as its observers see it. The bodies' first bytes are there for the request
 * log, which masks the tokens in them; no other observer reads them.
 *
 * @param path      the raw path as the client sent it (an unknown one too: observers bound what they keep of it)
 * @param operation the path of the operation that served it; empty when none did (an unknown path or method)
 * @param caller    who was authenticated ({@link CallerName}); empty when no one was
 * @param error     the error answer's Message, for any status but 2xx
 * @param clientId  a Connector caller's client and integration, once authenticated
 * @param requestBody  {@link BodyHead#NONE} when it was not read (refused before, or not a POST)
 * @param responseBody {@link BodyHead#NONE} for 204 and for a stream
 */
public record CompletedRequest(Instant started, String method, String path, Optional<String> operation, int status,
                               Duration duration, String requestId, Optional<String> caller, Optional<String> error,
                               Optional<ClientId> clientId, Optional<IntegrationId> integrationId,
                               BodyHead requestBody, BodyHead responseBody) {
}
