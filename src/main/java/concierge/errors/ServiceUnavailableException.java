package concierge.errors;

/**
 * The service cannot answer right now and recovers by itself: the database cannot be reached, or the
 * server is still starting. The API answers 503.
 */
public final class ServiceUnavailableException extends RuntimeException {

    /** Null: no Retry-After (an unreachable database gives no hint of when it is back). */
    private final Long retryAfterSeconds;

    public ServiceUnavailableException(Throwable cause) {
        super("Service unavailable: the database cannot be reached. Retry later.", cause, false, false);
        this.retryAfterSeconds = null;
    }

    private ServiceUnavailableException(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The server listens but its start-up work (database, migrations) is not done yet. */
    public static ServiceUnavailableException starting(long retryAfterSeconds) {
        return new ServiceUnavailableException("Service unavailable: the server is starting. Retry in "
                + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    /** For the Retry-After header; null when there is none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
