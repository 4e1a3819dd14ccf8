package concierge.observe;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The server's log on stdout, written by one background thread. A record is formatted on the thread
 * that logs it (so the line has that thread's RequestId, from the MDC), then queued; the writer
 * writes what is queued and flushes once per batch. The console handler it replaces formatted,
 * wrote and flushed every line under one lock: with a line per request, 16 concurrent getAll
 * requests spent their time queueing for it (bench: 2,700 instead of 4,975 req/s,
 * bench/results/2026-12-01/observe-cost.md). A full queue drops lines, never waits, and says how
 * many it dropped on the next line it writes.
 */
public final class BackgroundConsoleHandler extends Handler {

    /** Lines waiting to be written; about 3 MB of request lines. */
    static final int MAX_QUEUED_LINES = 10_000;

    /** Lines written per flush at most, so a burst still reaches the terminal in pieces. */
    private static final int MAX_LINES_PER_WRITE = 1_000;

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(MAX_QUEUED_LINES);
    private final AtomicLong dropped = new AtomicLong();
    private final PrintStream out;
    private final Thread writer;

    /** The handler logging.properties names: stdout, in the text format (CONCIERGE_LOG_FORMAT=json replaces it). */
    public BackgroundConsoleHandler() {
        this(new FileOutputStream(FileDescriptor.out));
        setFormatter(new TextLogFormatter());
    }

    BackgroundConsoleHandler(OutputStream out) {
        this.out = new PrintStream(new BufferedOutputStream(out, 64 * 1024), false, StandardCharsets.UTF_8);
        this.writer = Thread.ofPlatform().daemon().name("log-writer").start(this::writeUntilClosed);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what is queued now, on the caller's thread: the shutdown's last lines are not left behind. */
    @Override
    public void flush() {
        List<String> batch = new ArrayList<>();
        lines.drainTo(batch);
        write(batch);
    }

    @Override
    public void close() {
        flush();
        writer.interrupt();
    }

    private void writeUntilClosed() {
        List<String> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(lines.take());
            } catch (InterruptedException e) {
                return;
            }
            lines.drainTo(batch, MAX_LINES_PER_WRITE - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<String> batch) {
        synchronized (out) {
            batch.forEach(out::print);
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.print(lost + " log lines were dropped: they came faster than stdout took them\n");
            }
            out.flush();
        }
    }
}
