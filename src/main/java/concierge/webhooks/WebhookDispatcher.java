package concierge.webhooks;

import concierge.ids.ClientId;
import concierge.messaging.Message;
import concierge.messaging.NewMessagesListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox in the background. New messages put their MessageAdded events into the outbox
 * in their own transaction; the dispatcher wakes at once when this instance commits them
 * (so the first attempt follows the commit within milliseconds) and otherwise every poll interval
 * (for other instances' events and for retries). Each batch is delivered on its own virtual thread.
 * A client has at most {@link #MAX_DELIVERIES_PER_CLIENT} deliveries in flight: batches beyond its
 * share are not claimed but stay due, so a slow or dead receiver holds only its own batches and the
 * loop never waits for one client.
 */
public final class WebhookDispatcher implements NewMessagesListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int MAX_EVENTS_PER_CLAIM = 1000;
    /** "In the order of hundreds" per request, as the reference service says. */
    static final int MAX_BATCH_SIZE = 300;
    /**
     * One client's share of this instance's deliveries: a stalled receiver holds this many, each for
     * at most the timeout, and the client's other batches wait in the outbox while other clients'
     * go on. 8 requests of up to 300 events at once is far more than a healthy receiver needs.
     */
    static final int MAX_DELIVERIES_PER_CLIENT = 8;
    /**
     * All clients together on this instance: a bound on open connections. It takes 64 clients'
     * receivers stalling at once to fill it, and then each slot frees within the timeout.
     */
    static final int MAX_DELIVERIES_IN_FLIGHT = 512;
    /** Time to record an attempt's outcome after its deadline, even on a slow database. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    /** Deliveries in flight by client Id; guarded by {@code this}. */
    private final Map<ClientId, Integer> inFlight = new HashMap<>();
    private int inFlightTotal;
    private volatile boolean running = true;
    private int consecutiveFailures;
    private Thread loop;

    public WebhookDispatcher(WebhookOutbox outbox, WebhookSender sender, RetryPolicy retries, Clock clock,
                             Duration pollInterval, Duration deliveryTimeout) {
        this.outbox = outbox;
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
        this.pollInterval = pollInterval;
        // An attempt ends by its deadline: a lease only runs out when its instance died.
        this.lease = deliveryTimeout.plus(LEASE_MARGIN);
    }

    public WebhookDispatcher start() {
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
        return this;
    }

    @Override
    public int messagesAdded(List<Message> messages, Instant now) {
        return outbox.enqueue(messages.stream().map(Message::id).toList(), now);
    }

    @Override
    public void messagesCommitted() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                WebhookOutbox.Capacity capacity = capacity();
                boolean moreDue = false;
                if (capacity.total() > 0) {
                    Instant now = clock.instant();
                    WebhookOutbox.Claim claim = outbox.claim(now, now.plus(lease), MAX_EVENTS_PER_CLAIM, MAX_BATCH_SIZE,
                            capacity);
                    claim.batches().forEach(this::start);
                    moreDue = claim.moreDue();
                }
                if (consecutiveFailures > 0) {
                    LOG.info("Webhook dispatch works again after " + consecutiveFailures + " failed tries");
                    consecutiveFailures = 0;
                }
                if (!moreDue) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // The database is down (then this fails on every poll: say so once, then every 60th time),
                // or a bug (an Error such as StackOverflowError): either way the loop goes on after a pause.
                // An OutOfMemoryError ends the process (the launcher sets -XX:+ExitOnOutOfMemoryError).
                if (consecutiveFailures++ % 60 == 0) {
                    LOG.log(Level.WARNING, "Webhook dispatch failed (" + consecutiveFailures + " in a row), trying again"
                            + " every " + pollInterval.toMillis() + " ms: " + e);
                }
                pause();
            }
        }
    }

    private synchronized WebhookOutbox.Capacity capacity() {
        return new WebhookOutbox.Capacity(MAX_DELIVERIES_IN_FLIGHT - inFlightTotal, MAX_DELIVERIES_PER_CLIENT, inFlight);
    }

    private void start(WebhookBatch batch) {
        synchronized (this) {
            inFlight.merge(batch.clientId(), 1, Integer::sum);
            inFlightTotal++;
        }
        try {
            deliveries.execute(() -> {
                try {
                    deliver(batch);
                } finally {
                    finished(batch.clientId());
                }
            });
        } catch (Throwable e) {
            finished(batch.clientId()); // not started (closing): the lease runs out and it is tried again
            throw e;
        }
    }

    private void finished(ClientId clientId) {
        boolean wasFull;
        synchronized (this) {
            int clientInFlight = inFlight.get(clientId);
            wasFull = clientInFlight == MAX_DELIVERIES_PER_CLIENT || inFlightTotal == MAX_DELIVERIES_IN_FLIGHT;
            if (clientInFlight == 1) {
                inFlight.remove(clientId);
            } else {
                inFlight.put(clientId, clientInFlight - 1);
            }
            inFlightTotal--;
        }
        if (wasFull) {
            wakeUp.release(); // claims left this client's (or everyone's) due batches out: now there is room
        }
    }

    void deliver(WebhookBatch batch) {
        try {
            if (batch.url().isEmpty()) {
                outbox.dead(batch.id(), "the client has no WebhookUrl");
                return;
            }
            WebhookSender.Outcome outcome = attempt(batch.url().get(), batch);
            Instant now = clock.instant();
            if (outcome.delivered()) {
                outbox.delivered(batch.id(), now);
            } else if (retries.shouldGiveUp(now, batch.oldestEventUtc())) {
                outbox.dead(batch.id(), outcome.error());
            } else {
                outbox.retryLater(batch.id(), retries.nextAttempt(now, batch.attempts() + 1,
                        ThreadLocalRandom.current()), outcome.error());
            }
        } catch (Throwable e) {
            // The lease runs out and the batch is tried again: at least once.
            LOG.log(Level.WARNING, "Could not record the delivery of webhook batch " + batch.id() + ": " + e);
        }
    }

    private WebhookSender.Outcome attempt(String url, WebhookBatch batch) {
        try {
            return sender.send(url, batch);
        } catch (Throwable e) {
            // Our failure, not the receiver's (a bug, a broken runtime): still a failed attempt, recorded,
            // so that the batch is retried with backoff and its give-up clock holds.
            LOG.log(Level.WARNING, "Sending webhook batch " + batch.id() + " failed", e);
            return WebhookSender.Outcome.failed("could not send: " + e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        // Wake the loop and let it finish its claim: an interrupt in the middle of a claim would
        // break the connection and could leave the claimed events leased until the lease runs out.
        wakeUp.release();
        if (loop != null) {
            try {
                if (!loop.join(Duration.ofSeconds(5))) {
                    loop.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loop.interrupt();
            }
        }
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(10, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
