package concierge.limits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A sliding-window log in memory: each key keeps the times of its accepted requests inside the
 * window (at most {@code limit} of them), so the count is exact, not an estimate, and a burst
 * cannot get twice the limit the way a gradually refilling bucket would.
 */
public final class InProcessRateLimiter implements RateLimiter {

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> logs = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public InProcessRateLimiter(int limit, Duration window, LongSupplier nanoTime) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public Decision tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        Decision[] decision = new Decision[1];
        logs.compute(key, (ignored, log) -> {
            ArrayDeque<Long> times = log == null ? new ArrayDeque<>() : log;
            forgetExpired(times, now);
            if (times.size() < limit) {
                times.addLast(now);
                decision[0] = Decision.ALLOWED;
            } else {
                long waitNanos = times.peekFirst() + windowNanos - now;
                decision[0] = Decision.refused((waitNanos + 999_999) / 1_000_000);
            }
            return times;
        });
        sweepIdleKeysOncePerWindow(now);
        return decision[0];
    }

    /** A request leaves the window exactly {@code window} after it was accepted. */
    private void forgetExpired(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
    }

    /** Keys whose requests all left the window are dropped, by one caller at most once a window. */
    private void sweepIdleKeysOncePerWindow(long now) {
        long last = lastSweep.get();
        if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (String key : logs.keySet()) {
            logs.computeIfPresent(key, (ignored, times) -> {
                forgetExpired(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }
}
