package concierge.errors;

/** The request body is larger than the server accepts: the API answers 413. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("Request body too large: the limit is " + limitBytes + " bytes.", null, false, false);
    }
}
