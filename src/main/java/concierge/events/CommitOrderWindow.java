package concierge.events;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Which events read are new, when ids do not commit in their order. An id is taken when the row is
 * inserted, and the transaction commits later: id 8 can be read while id 7 is still uncommitted, and
 * commit a moment after. So the reader reads from the horizon (every id up to it is delivered or
 * given up on), remembers the ids above it that it has delivered, and moves the horizon over a gap
 * only when the gap has stayed open for {@code gapWaitNanos} (the id was rolled back, or skipped by the
 * engine) or when a full read held nothing new (no progress is possible without giving up on it).
 */
final class CommitOrderWindow {

    private final long gapWaitNanos;
    private long horizon;
    private final TreeSet<Long> delivered = new TreeSet<>();
    /** When the lowest gap was first seen, in System.nanoTime() terms; meaningful while delivered is not empty. */
    private long gapSince;

    CommitOrderWindow(long horizon, long gapWaitNanos) {
        this.horizon = horizon;
        this.gapWaitNanos = gapWaitNanos;
    }

    /** Where the next read starts: events with a greater id. */
    long horizon() {
        return horizon;
    }

    /**
     * The events of a read from the horizon that were not delivered before, in the read's order.
     * {@code full}: the read was cut at its limit.
     */
    <E> List<E> accept(List<E> read, ToLongFunction<E> idOf, boolean full, long nowNanos) {
        boolean gapWasOpen = !delivered.isEmpty();
        List<E> fresh = new ArrayList<>();
        for (E event : read) {
            long id = idOf.applyAsLong(event);
            if (id > horizon && delivered.add(id)) {
                fresh.add(event);
            }
        }
        boolean stuck = full && fresh.isEmpty();
        long before = horizon;
        closeContiguous();
        if (delivered.isEmpty()) {
            return fresh;
        }
        if (!gapWasOpen || horizon != before) {
            gapSince = nowNanos; // a new lowest gap: it gets its own wait
        } else if (stuck || nowNanos - gapSince >= gapWaitNanos) {
            horizon = delivered.first() - 1;
            closeContiguous();
            gapSince = nowNanos;
        }
        return fresh;
    }

    /** How many ids above the horizon are remembered (bounded by what commits within the gap wait). */
    int remembered() {
        return delivered.size();
    }

    private void closeContiguous() {
        while (!delivered.isEmpty() && delivered.first() == horizon + 1) {
            horizon = delivered.pollFirst();
        }
    }
}
