package concierge.webhooks;

import concierge.messaging.NewMessagesListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox in the background. It wakes at once when this instance commits new messages
 * (so the first attempt follows the commit within milliseconds) and otherwise every poll interval
 * (for other instances' events and for retries). Each batch is delivered on its own virtual thread,
 * so a slow or dead receiver holds only its own batches.
 */
public final class WebhookDispatcher implements NewMessagesListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int MAX_EVENTS_PER_CLAIM = 1000;
    /** "In the order of hundreds" per request, as the reference service says. */
    static final int MAX_BATCH_SIZE = 300;
    /** Virtual threads are cheap: enough that receivers hanging until their timeout cannot starve the rest. */
    private static final int MAX_DELIVERIES_IN_FLIGHT = 512;

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Semaphore inFlight = new Semaphore(MAX_DELIVERIES_IN_FLIGHT);
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
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
        // Longer than any delivery can take (5 redirects, each within the timeout): a lease only
        // runs out when its instance died.
        this.lease = deliveryTimeout.multipliedBy(12).plusSeconds(30);
    }

    public WebhookDispatcher start() {
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
        return this;
    }

    @Override
    public void messagesCommitted() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                List<WebhookBatch> batches = outbox.claim(now, now.plus(lease), MAX_EVENTS_PER_CLAIM, MAX_BATCH_SIZE);
                for (WebhookBatch batch : batches) {
                    inFlight.acquire();
                    deliveries.submit(() -> {
                        try {
                            deliver(batch);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                if (consecutiveFailures > 0) {
                    LOG.info("Webhook dispatch works again after " + consecutiveFailures + " failed tries");
                    consecutiveFailures = 0;
                }
                int claimed = batches.stream().mapToInt(batch -> batch.messageIds().size()).sum();
                if (claimed < MAX_EVENTS_PER_CLAIM) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // While the database is down this fails on every poll: say so once, then every 60th time.
                if (consecutiveFailures++ % 60 == 0) {
                    LOG.log(Level.WARNING, "Webhook dispatch failed (" + consecutiveFailures + " in a row), trying again"
                            + " every " + pollInterval.toMillis() + " ms: " + e);
                }
                pause();
            }
        }
    }

    void deliver(WebhookBatch batch) {
        try {
            if (batch.url().isEmpty()) {
                outbox.dead(batch.id(), "the client has no WebhookUrl");
                return;
            }
            WebhookSender.Outcome outcome = sender.send(batch.url().get(), batch);
            Instant now = clock.instant();
            if (outcome.delivered()) {
                outbox.delivered(batch.id(), now);
            } else if (retries.shouldGiveUp(now, batch.oldestEventUtc())) {
                outbox.dead(batch.id(), outcome.error());
            } else {
                outbox.retryLater(batch.id(), retries.nextAttempt(now, batch.attempts() + 1,
                        ThreadLocalRandom.current()), outcome.error());
            }
        } catch (RuntimeException e) {
            // The lease runs out and the batch is tried again: at least once.
            LOG.log(Level.WARNING, "Could not record the delivery of webhook batch " + batch.id() + ": " + e);
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
