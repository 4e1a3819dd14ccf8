package concierge.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background job that polls, on a virtual thread of its own: it runs a round, and the next one at
 * once while a round says more is waiting, else after the poll interval or as soon as it is woken
 * (this instance committed something). A round that fails (the database is down, or a bug such as a
 * StackOverflowError) is logged once and then about once a minute, and the loop goes on after a
 * pause; an OutOfMemoryError ends the process (the launcher sets -XX:+ExitOnOutOfMemoryError).
 */
public final class PollingLoop implements AutoCloseable {

    /** One round of the job; returns whether more is waiting, so that the next round starts at once. */
    @FunctionalInterface
    public interface Round {
        boolean run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(PollingLoop.class.getName());
    /** How often a failure that goes on is logged again. */
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
    /** How long close() lets the round in progress finish before it interrupts it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Duration interval;
    private final Round round;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running = true;
    private int consecutiveFailures;
    private Thread thread;

    /** {@code name} names the thread and the log lines, say "webhook dispatch". */
    public PollingLoop(String name, Duration interval, Round round) {
        this.name = name;
        this.interval = interval;
        this.round = round;
    }

    public PollingLoop start() {
        thread = Thread.ofVirtual().name(name.replace(' ', '-')).start(this::run);
        return this;
    }

    /** The next round starts now, or right after the one in progress. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void run() {
        long failuresBetweenLogs = Math.max(1, FAILURE_LOG_INTERVAL.toMillis() / Math.max(1, interval.toMillis()));
        while (running) {
            try {
                boolean moreWaiting = round.run();
                if (consecutiveFailures > 0) {
                    LOG.info(name + " works again after " + consecutiveFailures + " failed rounds");
                    consecutiveFailures = 0;
                }
                if (!moreWaiting) {
                    wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                if (consecutiveFailures++ % failuresBetweenLogs == 0) {
                    LOG.log(Level.WARNING, name + " failed (" + consecutiveFailures + " in a row), trying again every "
                            + interval.toMillis() + " ms: " + e);
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Stops the loop: the round in progress may finish (an interrupt in the middle of a transaction
     * would break its connection and could leave what it claimed leased), and is interrupted after
     * {@link #STOP_WAIT}.
     */
    @Override
    public void close() {
        running = false;
        wakeUp.release();
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(STOP_WAIT)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
        }
    }
}
