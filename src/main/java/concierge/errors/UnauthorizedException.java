package concierge.errors;

/** Unknown, revoked or mismatched credentials: the API answers 401. */
public final class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message, null, false, false);
    }
}
