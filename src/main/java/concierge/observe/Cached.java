package concierge.observe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A value read at most once per {@code timeToLive}, however often it is asked for: a scraper in a loop
 * (or many at once) costs the database one read per period. Callers in the meantime get the last
 * value; while one caller reads, the others wait for its answer rather than reading too. A read that
 * fails gives empty (the gauge shows NaN) until a later read succeeds; the failure is logged once.
 */
final class Cached<T> implements Supplier<Optional<T>> {

    private static final Logger LOG = Logger.getLogger(Cached.class.getName());

    private final String what;
    private final Supplier<T> read;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private Optional<T> value = Optional.empty();
    private long readAtNanos;
    private boolean everRead;
    private boolean failing;

    Cached(String what, Supplier<T> read, Duration timeToLive, LongSupplier nanoTime) {
        this.what = what;
        this.read = read;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<T> get() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            if (!everRead || now - readAtNanos >= timeToLiveNanos) {
                refresh(now);
            }
            return value;
        } finally {
            lock.unlock();
        }
    }

    private void refresh(long now) {
        everRead = true;
        readAtNanos = now;
        try {
            value = Optional.of(read.get());
            failing = false;
        } catch (RuntimeException e) {
            value = Optional.empty();
            if (!failing) {
                LOG.log(Level.WARNING, "Could not read " + what + " for the metrics (shown as NaN until it can): " + e);
            }
            failing = true;
        }
    }
}
