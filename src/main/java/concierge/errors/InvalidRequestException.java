package concierge.errors;

/**
 * The request is malformed or names something the caller cannot use: the API answers 400.
 * {@link #field} names the offending property by its JSON path; the body as a whole is
 * {@link #invalidJson}; {@link #of} is for what no property stands for (a body that could not be read).
 */
public final class InvalidRequestException extends RuntimeException {

    private InvalidRequestException(String message) {
        super(message, null, false, false);
    }

    /** "Invalid Limitation.Count: must be from 1 to 1000." */
    public static InvalidRequestException field(String path, String reason) {
        return new InvalidRequestException("Invalid " + path + ": " + reason);
    }

    public static InvalidRequestException invalidJson(String reason) {
        return new InvalidRequestException("Invalid JSON: " + reason);
    }

    public static InvalidRequestException of(String message) {
        return new InvalidRequestException(message);
    }
}
