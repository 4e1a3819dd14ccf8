package concierge.errors;

/** The request ran past its deadline; its database work was cancelled: the API answers 408. */
public final class RequestTimeoutException extends RuntimeException {

    public RequestTimeoutException(long timeoutSeconds) {
        this("Request timeout: the request took longer than " + timeoutSeconds
                + " s and was cancelled. Ask for less data at once (smaller Count or narrower filters).");
    }

    /** The client stopped sending (or sent too slowly) before its body was complete. */
    public static RequestTimeoutException bodyNotReceived(long timeoutSeconds) {
        return new RequestTimeoutException("Request timeout: the request body did not arrive within "
                + timeoutSeconds + " s. Send the whole body at once; the connection is closed.");
    }

    private RequestTimeoutException(String message) {
        super(message, null, false, false);
    }
}
