package concierge.errors;

/** The caller spent its request budget: the API answers 429 with Retry-After in whole seconds. */
public final class TooManyRequestsException extends RuntimeException {

    private final long retryAfterSeconds;

    /** Over the budget of one {@code token} ("AccessToken", "staff token"). */
    public TooManyRequestsException(long retryAfterSeconds, int limit, int windowSeconds, String token) {
        this("Too many requests: at most " + limit + " requests per " + token + " in any " + windowSeconds
                + " seconds. Retry after " + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
