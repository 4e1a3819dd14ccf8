package concierge.errors;

/** The database cannot be reached right now: the API answers 503 and recovers by itself. */
public final class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(Throwable cause) {
        super("Service unavailable: the database cannot be reached. Retry later.", cause, false, false);
    }
}
