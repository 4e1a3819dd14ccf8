package concierge.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One answered request, as its observers see it: never a token or a body.
 *
 * @param path      the raw path as the client sent it (an unknown one too: observers bound what they keep of it)
 * @param operation the path of the operation that served it; empty when none did (an unknown path or method)
 * @param caller    who was authenticated ({@link CallerName}); empty when no one was
 * @param error     the error answer's Message, for any status but 2xx
 */
public record CompletedRequest(Instant started, String method, String path, Optional<String> operation, int status,
                               Duration duration, String requestId, Optional<String> caller, Optional<String> error) {
}
