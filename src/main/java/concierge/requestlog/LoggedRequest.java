package concierge.requestlog;

import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One Connector request as the log keeps it: the bodies already masked and cut
 * ({@link RequestLogWriter#MAX_BODY_CHARS}).
 *
 * @param operation      the operation's name, say {@code messageThreads/getAll}
 * @param clientId       empty when the request did not authenticate
 * @param errorMessage   the error body's Message, for a status other than 2xx
 */
public record LoggedRequest(UUID requestId, Instant createdUtc, String operation, int status, long durationMicros,
                            Optional<ClientId> clientId, Optional<IntegrationId> integrationId,
                            Optional<String> errorMessage, String requestBody, String responseBody) {
}
