package concierge.requestlog;

import concierge.background.PollingLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request log's writer: a request hands its entry over in a bounded queue and goes on; one
 * background loop per instance writes the queue in batches and deletes what retention no longer
 * keeps. It never blocks or fails a request: an entry that finds the queue full is dropped, a batch
 * whose write fails is dropped, and both are counted ({@link #counts()}).
 */
public final class RequestLogWriter implements AutoCloseable {

    /** Characters kept of each body; the columns are VARCHAR(16384). */
    public static final int MAX_BODY_CHARS = 16 * 1024;
    /** Characters kept of an error's Message; the column is VARCHAR(1000). */
    public static final int MAX_ERROR_MESSAGE_CHARS = 1000;
    /** Entries waiting to be written, at most. */
    static final int MAX_QUEUED = 10_000;
    /**
     * Body characters waiting to be written, at most: with 16 KB bodies, a full queue by count would
     * hold 320 MB; this bounds it at ~16-32 MB of heap (a Latin-1 character is one byte, others two).
     */
    static final long MAX_QUEUED_CHARS = 16L * 1024 * 1024;
    /** Entries written by one statement. */
    static final int BATCH = 500;
    /** How long an entry waits, at most, before the loop writes it (unless a batch fills first). */
    static final Duration WRITE_INTERVAL = Duration.ofMillis(200);
    /** How often retention runs. */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);
    /** Rows one retention statement deletes, at most: a week's backlog goes in short transactions. */
    static final int DELETE_CHUNK = 10_000;

    private static final Logger LOG = Logger.getLogger(RequestLogWriter.class.getName());
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    /** Requests older than {@code maxAge} are deleted, and beyond the newest {@code maxRows}. */
    public record Retention(Duration maxAge, long maxRows) {
    }

    /** Since this instance started. */
    public record Counts(long written, long droppedQueueFull, long droppedWriteFailed) {
    }

    private final RequestLogStore store;
    private final Retention retention;
    private final Clock clock;
    private final BlockingQueue<LoggedRequest> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedWriteFailed = new AtomicLong();
    private final PollingLoop loop = new PollingLoop("request log", WRITE_INTERVAL, this::writeRound);
    private long nextRetention;
    private long nextFailureLog;

    public RequestLogWriter(RequestLogStore store, Retention retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.nextRetention = System.nanoTime();
        this.nextFailureLog = System.nanoTime();
    }

    public RequestLogWriter start() {
        loop.start();
        return this;
    }

    /** Queues the request for writing, unless the queue is full (then it is dropped and counted). Never blocks. */
    public void record(LoggedRequest request) {
        long chars = weight(request);
        if (queuedChars.addAndGet(chars) > MAX_QUEUED_CHARS || !queue.offer(request)) {
            queuedChars.addAndGet(-chars);
            droppedQueueFull.incrementAndGet();
            return;
        }
        if (queue.size() >= BATCH) {
            loop.wakeUp();
        }
    }

    public Counts counts() {
        return new Counts(written.get(), droppedQueueFull.get(), droppedWriteFailed.get());
    }

    /** Writes what is queued now, in batches; returns whether more is queued. Runs on the loop's thread, or at close. */
    synchronized boolean writeRound() {
        List<LoggedRequest> batch = new ArrayList<>(BATCH);
        queue.drainTo(batch, BATCH);
        if (!batch.isEmpty()) {
            queuedChars.addAndGet(-batch.stream().mapToLong(RequestLogWriter::weight).sum());
            write(batch);
        }
        boolean moreRetention = false;
        if (System.nanoTime() - nextRetention >= 0) {
            moreRetention = applyRetention();
        }
        return moreRetention || !queue.isEmpty();
    }

    private void write(List<LoggedRequest> batch) {
        try {
            store.add(batch.stream().map(StorableText::of).toList());
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            droppedWriteFailed.addAndGet(batch.size());
            if (System.nanoTime() - nextFailureLog >= 0) {
                nextFailureLog = System.nanoTime() + FAILURE_LOG_INTERVAL.toNanos();
                LOG.log(Level.WARNING, "request log: a write of " + batch.size() + " requests failed and they were"
                        + " dropped (" + droppedWriteFailed.get() + " dropped since start): " + e);
            }
        }
    }

    /** One chunk by age and one by count; returns whether either was full (more to delete, at once). */
    private boolean applyRetention() {
        try {
            int byAge = store.deleteOlderThan(clock.instant().minus(retention.maxAge()), DELETE_CHUNK);
            int byCount = store.deleteBeyondNewest(retention.maxRows(), DELETE_CHUNK);
            boolean more = byAge >= DELETE_CHUNK || byCount >= DELETE_CHUNK;
            if (!more) {
                nextRetention = System.nanoTime() + RETENTION_INTERVAL.toNanos();
            }
            return more;
        } catch (RuntimeException e) {
            nextRetention = System.nanoTime() + RETENTION_INTERVAL.toNanos();
            LOG.log(Level.WARNING, "request log: retention failed, trying again in "
                    + RETENTION_INTERVAL.toMinutes() + " min: " + e);
            return false;
        }
    }

    /** What an entry holds on the heap, roughly: its bodies and message. */
    private static long weight(LoggedRequest request) {
        return request.requestBody().length() + request.responseBody().length()
                + request.errorMessage().map(String::length).orElse(0);
    }

    /** Stops the loop and writes what is still queued, once. */
    @Override
    public void close() {
        loop.close();
        while (!queue.isEmpty()) {
            writeRound();
        }
    }
}
