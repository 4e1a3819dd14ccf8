package concierge.http;

import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One request from its arrival to its answer: its Request-Id (the answer's header, and on every log
 * line written while it is served, through Helidon's MDC), and what its observers are told at the end.
 * Used on the request's thread only.
 */
final class Exchange {

    /** The MDC key: logging.properties and the JSON log formatter print it. */
    static final String LOG_REQUEST_ID = "RequestId";

    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final String method;
    private final String path;
    private final String requestId = UUID.randomUUID().toString();
    private final CallerName callerName = new CallerName();
    private String operation;
    private String error;
    private BodyHead requestBody = BodyHead.NONE;
    private BodyHead responseBody = BodyHead.NONE;

    private Exchange(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Exchange begin(ServerRequest request, ServerResponse response) {
        Exchange exchange = new Exchange(request.prologue().method().text(), request.path().rawPath());
        response.header(Router.REQUEST_ID, exchange.requestId);
        HelidonMdc.set(LOG_REQUEST_ID, exchange.requestId);
        return exchange;
    }

    String requestId() {
        return requestId;
    }

    CallerName callerName() {
        return callerName;
    }

    /** The request reached an operation, registered at {@code operationPath}. */
    void routedTo(String operationPath) {
        this.operation = operationPath;
    }

    /** The request's body, as it was read whole. */
    void bodyRead(java.util.List<byte[]> parts) {
        requestBody = BodyHead.of(parts);
    }

    /** The answer's body, or its first bytes when it was streamed. */
    void answered(BodyHead body) {
        responseBody = body;
    }

    /** The request was answered with an error saying {@code message}. */
    void failed(String message) {
        this.error = message;
    }

    /** Tells the observer, with the status the answer went out with; the log lines after are no longer this request's. */
    void end(ServerResponse response, RequestObserver observer) {
        try {
            int status = response.status().code();
            observer.completed(new CompletedRequest(started, method, path, Optional.ofNullable(operation), status,
                    Duration.ofNanos(System.nanoTime() - startNanos), requestId, callerName.get(),
                    status / 100 == 2 ? Optional.empty() : Optional.ofNullable(error), callerName.clientId(),
                    callerName.integrationId(), requestBody, responseBody));
        } finally {
            HelidonMdc.remove(LOG_REQUEST_ID);
        }
    }
}
