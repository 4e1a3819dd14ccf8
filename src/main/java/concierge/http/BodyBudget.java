package concierge.http;

import concierge.errors.ServerBusyException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies all requests together may hold in memory. A body is read into
 * memory before it can be authenticated (the Connector API's credentials are in the body), so
 * without a shared bound a few anonymous senders of large bodies could fill the heap. A request
 * reserves its bytes as they arrive and gives them back when it has been answered; a request that
 * finds the budget spent is answered 503 at once, with nothing processed.
 */
final class BodyBudget {

    /**
     * While it is served, the largest valid request (messages/add, 16 MiB) peaks at about 120 MiB of
     * used heap, garbage included, and two at once at about 170 MiB
     * ({@code bench/results/2026-12-01/abuse-heap.txt}): -Xmx256m, as shipped, holds two of them.
     * An eighth of the heap is 32 MiB there, two such bodies; larger heaps take more at once.
     */
    static final int HEAP_FRACTION = 8;
    /** However small the heap, two bodies of the largest size are taken at once. */
    static final int LARGEST_BODIES_AT_ONCE = 2;
    /** What a client told it is busy should wait before it tries again. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** An eighth of the heap, and never less than two bodies of the largest size accepted. */
    static BodyBudget forHeap(long maxHeapBytes, long maxBodyBytes) {
        return new BodyBudget(Math.max(maxHeapBytes / HEAP_FRACTION, LARGEST_BODIES_AT_ONCE * maxBodyBytes));
    }

    Reservation open() {
        return new Reservation();
    }

    long held() {
        return held.get();
    }

    /**
     * One request's share; closing it gives every byte back. The body is read on a helper thread that
     * may still be reading when the request has been answered (a 408): what it takes after the close
     * is refused, so nothing leaks.
     */
    final class Reservation implements AutoCloseable {

        private long bytes;
        private boolean closed;

        /** Takes {@code more} bytes, or fails with 503 when the budget cannot give them. */
        synchronized void take(long more) {
            if (closed) {
                throw new ServerBusyException(RETRY_AFTER_SECONDS);
            }
            long now = held.addAndGet(more);
            if (now > capacity) {
                held.addAndGet(-more);
                throw new ServerBusyException(RETRY_AFTER_SECONDS);
            }
            bytes += more;
        }

        @Override
        public synchronized void close() {
            closed = true;
            held.addAndGet(-bytes);
            bytes = 0;
        }
    }
}
