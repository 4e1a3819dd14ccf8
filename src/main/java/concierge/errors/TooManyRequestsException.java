package concierge.errors;

/** The caller spent its request budget: the API answers 429 with Retry-After in whole seconds. */
public final class TooManyRequestsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds, int limit, int windowSeconds) {
        super("Too many requests: at most " + limit + " requests per AccessToken in any " + windowSeconds
                + " seconds. Retry after " + retryAfterSeconds + " s.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
