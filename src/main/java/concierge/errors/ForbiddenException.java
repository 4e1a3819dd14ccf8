package concierge.errors;

/** A valid caller asks for what this server is set up to refuse: the API answers 403. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}
