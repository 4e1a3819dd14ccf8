package concierge.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests that Helidon refuses itself, before {@link Router} runs: a malformed request line or
 * header, conflicting or invalid framing, bad percent-encoding in the path, headers over the
 * limit. They keep the status Helidon chose and get the error body and Request-Id of every other
 * answer (spec D14).
 */
public final class ServerRefusals implements DirectHandler {

    /** What Helidon passes instead of a reason it did not mark as safe to show. */
    private static final String HELIDON_PLACEHOLDER = "Bad request, see server log";

    private final ErrorResponses errors;
    private final RequestObserver observer;

    /** @param observer told of each refusal, as of any answered request (no operation served it) */
    public ServerRefusals(ErrorResponses errors, RequestObserver observer) {
        this.errors = errors;
        this.observer = observer;
    }

    /** This handler for every kind of refusal, for the server's configuration. */
    public DirectHandlers forEveryEvent() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, this);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String reason) {
        String requestId = UUID.randomUUID().toString();
        ErrorResponses.Answer answer = errors.refusal(status.code(), message(status, reason, requestId), reason,
                requestId);
        headers.set(HeaderNames.CONTENT_TYPE, Router.JSON);
        headers.set(Router.REQUEST_ID, requestId);
        observer.completed(new CompletedRequest(Instant.now(), request.method(), request.path(), Optional.empty(),
                status.code(), Duration.ZERO, requestId, Optional.empty(), Optional.of(answer.message()),
                Optional.empty(), Optional.empty(), BodyHead.NONE, BodyHead.NONE));
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(answer.body())
                .build();
    }

    /**
     * What went wrong, in English. {@code reason} is Helidon's own description when it marked it
     * safe to show (e.g. "Content length is not a number"), otherwise its generic placeholder.
     */
    static String message(Status status, String reason, String requestId) {
        String what = reason == null || reason.isBlank() || reason.startsWith(HELIDON_PLACEHOLDER)
                ? "the request line, a header or the body framing is malformed"
                : reason.strip().replaceAll("\\.$", "");
        return switch (status.code()) {
            case 400 -> "Invalid HTTP request: " + what + ".";
            case 413 -> "Payload too large: the request is larger than the server accepts.";
            case 414 -> "Request URI too long: the address is longer than the server accepts.";
            case 431 -> "Request headers too large: the headers are larger than the server accepts.";
            case 500 -> "Unexpected server error. Quote the RequestId " + requestId + " when you report it.";
            case 505 -> "HTTP version not supported: send HTTP/1.1.";
            default -> "Request refused: " + status.code() + " " + status.reasonPhrase() + ".";
        };
    }
}
