package concierge.errors;

/**
 * What the storage says about a failure that came out of it: the API's answer for it, and what a log
 * may show of it. The HTTP edge answers and logs every failure through this (store.DatabaseFailures
 * implements it), without knowing which database runs underneath.
 */
public interface StorageFailures {

    /**
     * A timeout as {@link RequestTimeoutException} (its message names {@code timeoutSeconds}, the
     * request's deadline), unreachable storage as {@link ServiceUnavailableException}; anything else
     * unchanged.
     */
    Throwable translate(Throwable failure, long timeoutSeconds);

    /** A copy of {@code failure} fit for a log: nothing of the values the storage was given. */
    Throwable redacted(Throwable failure);
}
