package concierge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import concierge.errors.ForbiddenException;
import concierge.errors.InvalidRequestException;
import concierge.errors.PayloadTooLargeException;
import concierge.errors.RequestTimeoutException;
import concierge.errors.ServerBusyException;
import concierge.errors.ServiceUnavailableException;
import concierge.errors.StorageFailures;
import concierge.errors.TooManyRequestsException;
import concierge.errors.UnauthorizedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place that turns a failure into a status and the {@code {Message, RequestId, Details}} body. */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private final boolean devErrors;
    /** The requests' deadline, for 408 messages: by the time a failure is answered its deadline has ended. */
    private final long requestTimeoutSeconds;
    private final StorageFailures storage;

    public ErrorResponses(boolean devErrors, long requestTimeoutSeconds, StorageFailures storage) {
        this.devErrors = devErrors;
        this.requestTimeoutSeconds = requestTimeoutSeconds;
        this.storage = storage;
    }

    /**
     * @param message           the body's Message, also for the request's log line
     * @param retryAfterSeconds for 429, a busy 503 and a 503 while starting, the Retry-After header; otherwise null
     */
    public record Answer(int status, String message, byte[] body, Long retryAfterSeconds) {
    }

    public Answer answer(Throwable thrown, String requestId) {
        Throwable failure = storage.translate(thrown, requestTimeoutSeconds);
        int status = statusOf(failure);
        String message = status == 500
                ? "Unexpected server error. Quote the RequestId " + requestId + " when you report it."
                : failure.getMessage();
        if (status == 500) {
            LOG.log(Level.SEVERE, "Request " + requestId + " failed", storage.redacted(failure));
        } else if (failure instanceof ServiceUnavailableException && failure.getCause() != null) {
            // (Without a cause it is the server still starting: expected, and not worth a line per request.)
            LOG.log(Level.WARNING, "Request " + requestId + ": database unreachable: "
                    + storage.redacted(failure.getCause()));
        }
        Long retryAfter = switch (failure) {
            case TooManyRequestsException tooMany -> tooMany.retryAfterSeconds();
            case ServerBusyException busy -> busy.retryAfterSeconds();
            case ServiceUnavailableException unavailable -> unavailable.retryAfterSeconds();
            default -> null;
        };
        return new Answer(status, message, body(message, requestId, devErrors ? stackTrace(failure) : null),
                retryAfter);
    }

    /**
     * The answer to a request the HTTP server refused before any handler ran (malformed request
     * line, headers or framing): the server's status and our message; with dev errors the
     * server's own reason goes into Details.
     */
    public Answer refusal(int status, String message, String serverReason, String requestId) {
        return new Answer(status, message, body(message, requestId, devErrors ? serverReason : null), null);
    }

    private static byte[] body(String message, String requestId, String details) {
        try {
            return Json.MAPPER.writeValueAsBytes(new ErrorBody(message, requestId, details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }

    private static int statusOf(Throwable failure) {
        return switch (failure) {
            case InvalidRequestException e -> 400;
            case UnauthorizedException e -> 401;
            case ForbiddenException e -> 403;
            case NotFoundException e -> 404;
            case PayloadTooLargeException e -> 413;
            case RequestTimeoutException e -> 408;
            case TooManyRequestsException e -> 429;
            case ServiceUnavailableException e -> 503;
            case ServerBusyException e -> 503;
            default -> 500;
        };
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
