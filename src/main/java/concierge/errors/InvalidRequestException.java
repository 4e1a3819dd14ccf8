package concierge.errors;

/**
 * The request is malformed or names something the caller cannot use: the API answers 400.
 * The message always names the offending property by its JSON path.
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
