package concierge.limits;

/**
 * A sliding-window budget per key: at most {@code limit} accepted requests in any window of
 * {@code window} length. A refused request is not counted.
 */
public interface RateLimiter {

    Decision tryAcquire(String key);

    /** @param retryAfterMillis when refused, how long until the oldest counted request leaves the window */
    record Decision(boolean allowed, long retryAfterMillis) {

        static final Decision ALLOWED = new Decision(true, 0);

        static Decision refused(long retryAfterMillis) {
            return new Decision(false, Math.max(1, retryAfterMillis));
        }

        /** Whole seconds, rounded up, at least 1: the Retry-After header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }
}
