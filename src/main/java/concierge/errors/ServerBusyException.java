package concierge.errors;

/**
 * The server holds as many request bodies as its memory allows: the API answers 503 with
 * Retry-After, and the request was not processed.
 */
public final class ServerBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public ServerBusyException(long retryAfterSeconds) {
        super("Service unavailable: the server is receiving too many large requests at once; nothing was"
                + " processed. Retry after " + retryAfterSeconds + " s.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
