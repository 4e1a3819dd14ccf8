package concierge.events;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One open stream's events, waiting to be sent: a bounded buffer. A stream whose reader does not keep
 * up overflows it and ends (its client resumes with Last-Event-ID), so a stalled reader holds at most
 * {@link StaffEventFeed#MAX_BUFFERED_BYTES} and never slows the feed or the other streams.
 */
public final class Subscription implements AutoCloseable {

    private final ArrayDeque<StaffEvent> queue = new ArrayDeque<>();
    private final long maxBytes;
    private final Runnable onClose;
    private final boolean reset;
    private long bytes;
    /** The ids of a resume's backlog: the feed may still hand them over live, and they are not sent twice. */
    private Set<Long> resumed = Set.of();
    private boolean ended;
    private boolean overflowed;

    Subscription(long maxBytes, boolean reset, Runnable onClose) {
        this.maxBytes = maxBytes;
        this.reset = reset;
        this.onClose = onClose;
    }

    /** Whether the stream starts with {@code reset}: the Last-Event-ID given is no longer (or never was) retained. */
    public boolean startsWithReset() {
        return reset;
    }

    /**
     * The next event, waiting up to {@code waitNanos}; null when there was none in that time or the
     * subscription has ended ({@link #hasEnded}).
     */
    public synchronized StaffEvent next(long waitNanos) throws InterruptedException {
        long until = System.nanoTime() + waitNanos;
        while (queue.isEmpty() && !ended) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        StaffEvent event = queue.poll();
        if (event != null) {
            bytes -= event.bytes();
        }
        return event;
    }

    /** Ended by the feed: the reader fell behind, or the server is stopping. */
    public synchronized boolean hasEnded() {
        return ended;
    }

    /** Whether it ended because its reader did not keep up. */
    public synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized void offer(StaffEvent event) {
        if (ended || resumed.contains(event.id())) {
            return;
        }
        if (bytes + event.bytes() > maxBytes) {
            overflowed = true;
            end();
            return;
        }
        queue.add(event);
        bytes += event.bytes();
        notifyAll();
    }

    /**
     * The retained events a resume asked for go first; live events that arrived meanwhile follow,
     * without those among them that the backlog already holds.
     */
    synchronized void prepend(List<StaffEvent> backlog) {
        resumed = backlog.stream().map(StaffEvent::id).collect(Collectors.toUnmodifiableSet());
        Collection<StaffEvent> live = queue.stream().filter(event -> !resumed.contains(event.id())).toList();
        queue.clear();
        bytes = 0;
        for (StaffEvent event : backlog) {
            queue.add(event);
            bytes += event.bytes();
        }
        live.forEach(event -> {
            queue.add(event);
            bytes += event.bytes();
        });
        notifyAll();
    }

    /** Ends the subscription: what is queued is dropped and {@link #next} returns at once. */
    synchronized void end() {
        ended = true;
        queue.clear();
        bytes = 0;
        notifyAll();
    }

    @Override
    public void close() {
        end();
        onClose.run();
    }
}
