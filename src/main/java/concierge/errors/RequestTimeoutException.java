package concierge.errors;

/** The request ran past its deadline; its database work was cancelled: the API answers 408. */
public final class RequestTimeoutException extends RuntimeException {

    public RequestTimeoutException(long timeoutSeconds) {
        super("Request timeout: the request took longer than " + timeoutSeconds
                + " s and was cancelled. Ask for less data at once (smaller Count or narrower filters).",
                null, false, false);
    }
}
