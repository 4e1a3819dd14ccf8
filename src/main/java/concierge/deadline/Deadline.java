package concierge.deadline;

import concierge.errors.RequestTimeoutException;
import java.time.Duration;

/**
 * The deadline of the request the current thread serves (one virtual thread per request). Each SQL
 * statement gets the time that is left as its query timeout, so the database stops working for a
 * client that has been answered 408. A package of its own: the HTTP edge sets it and the store obeys
 * it, and neither depends on the other.
 */
public final class Deadline {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final long timeoutSeconds;

    private Deadline(long endNanos, long timeoutSeconds) {
        this.endNanos = endNanos;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs {@code work} with a deadline {@code timeout} from now. */
    public static <T> T within(Duration timeout, java.util.function.Supplier<T> work) {
        CURRENT.set(new Deadline(System.nanoTime() + timeout.toNanos(), timeout.toSeconds()));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** Whether the current thread serves a request (and so has a deadline). */
    public static boolean isActive() {
        return CURRENT.get() != null;
    }

    /** Fails with 408 when the current request's deadline has passed (no-op outside a request). */
    public static void check() {
        Deadline deadline = CURRENT.get();
        if (deadline != null && System.nanoTime() >= deadline.endNanos) {
            throw new RequestTimeoutException(deadline.timeoutSeconds);
        }
    }

    /**
     * Whole seconds left for the next statement, at least 1; 0 outside a request (no limit).
     * Fails with 408 when nothing is left.
     */
    public static int secondsLeftForStatement() {
        Deadline deadline = CURRENT.get();
        if (deadline == null) {
            return 0;
        }
        check();
        long left = deadline.endNanos - System.nanoTime();
        return (int) Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }

    /** Nanoseconds left before the current request's deadline (never negative); unbounded outside a request. */
    public static long nanosLeft() {
        Deadline deadline = CURRENT.get();
        return deadline == null ? Long.MAX_VALUE : Math.max(0, deadline.endNanos - System.nanoTime());
    }

    /**
     * The configured timeout, for 408 messages raised outside this class while the request runs; 0
     * once it has ended (a failure answered afterwards takes the timeout from the configuration).
     */
    public static long currentTimeoutSeconds() {
        Deadline deadline = CURRENT.get();
        return deadline == null ? 0 : deadline.timeoutSeconds;
    }
}
