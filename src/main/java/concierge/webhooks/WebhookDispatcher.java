package concierge.webhooks;

import concierge.background.PollingLoop;
import concierge.ids.ClientId;
import concierge.messaging.Message;
import concierge.messaging.NewMessagesListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
    private final PollingLoop loop;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    /** Deliveries in flight by client Id; guarded by {@code this}. */
    private final Map<ClientId, Integer> inFlight = new HashMap<>();
    private int inFlightTotal;
    private final Map<AttemptOutcome, LongAdder> attempts = new EnumMap<>(Map.of(AttemptOutcome.DELIVERED,
            new LongAdder(), AttemptOutcome.RETRY, new LongAdder(), AttemptOutcome.DEAD, new LongAdder()));

    /** How a batch's attempt ended: delivered, to be retried, or given up on (the batch is dead). */
    public enum AttemptOutcome { DELIVERED, RETRY, DEAD }

    public WebhookDispatcher(WebhookOutbox outbox, WebhookSender sender, RetryPolicy retries, Clock clock,
                             Duration pollInterval, Duration deliveryTimeout) {
        this.outbox = outbox;
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
        this.pollInterval = pollInterval;
        // An attempt ends by its deadline: a lease only runs out when its instance died.
        this.lease = deliveryTimeout.plus(LEASE_MARGIN);
        this.loop = new PollingLoop("webhook dispatch", pollInterval, this::claimDue);
    }

    public WebhookDispatcher start() {
        loop.start();
        return this;
    }

    @Override
    public int messagesAdded(List<Message> messages, Instant now) {
        return outbox.enqueue(messages.stream().map(Message::id).toList(), now);
    }

    @Override
    public void messagesCommitted() {
        loop.wakeUp();
    }

    /** Claims and starts what is due and fits the capacity; returns whether more is due. */
    private boolean claimDue() {
        WebhookOutbox.Capacity capacity = capacity();
        if (capacity.total() == 0) {
            return false;
        }
        Instant now = clock.instant();
        WebhookOutbox.Claim claim = outbox.claim(now, now.plus(lease), MAX_EVENTS_PER_CLAIM, MAX_BATCH_SIZE, capacity);
        claim.batches().forEach(this::start);
        return claim.moreDue();
    }

    /** What may be claimed now: a copy, taken under the lock that deliveries in flight are counted under. */
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
            loop.wakeUp(); // claims left this client's (or everyone's) due batches out: now there is room
        }
    }

    /** Attempts on this instance since start that ended so (for the metrics). */
    public long attempts(AttemptOutcome outcome) {
        return attempts.get(outcome).sum();
    }

    void deliver(WebhookBatch batch) {
        try {
            if (batch.url().isEmpty()) {
                outbox.dead(batch.id(), "the client has no WebhookUrl");
                attempts.get(AttemptOutcome.DEAD).increment();
                return;
            }
            Instant started = clock.instant();
            long startedNanos = System.nanoTime();
            WebhookSender.Outcome outcome = attempt(batch.url().get(), batch);
            long durationMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            recordAttempt(batch, new WebhookOutbox.Attempt(started, durationMillis, batch.url().get(),
                    outcome.statusCode(), Optional.ofNullable(outcome.error())), outcome.payload());
            Instant now = clock.instant();
            if (outcome.delivered()) {
                outbox.delivered(batch.id(), now);
                attempts.get(AttemptOutcome.DELIVERED).increment();
            } else if (retries.shouldGiveUp(now, batch.oldestEventUtc())) {
                outbox.dead(batch.id(), outcome.error());
                attempts.get(AttemptOutcome.DEAD).increment();
            } else {
                outbox.retryLater(batch.id(), retries.nextAttempt(now, batch.attempts() + 1,
                        ThreadLocalRandom.current()), outcome.error());
                attempts.get(AttemptOutcome.RETRY).increment();
            }
        } catch (Throwable e) {
            // The lease runs out and the batch is tried again: at least once.
            LOG.log(Level.WARNING, "Could not record the delivery of webhook batch " + batch.id() + ": " + e);
        }
    }

    /** The history is for the admin's eyes: failing to write it must not lose the outcome, written next. */
    private void recordAttempt(WebhookBatch batch, WebhookOutbox.Attempt attempt, Optional<String> payload) {
        try {
            outbox.recordAttempt(batch.id(), attempt, payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record an attempt of webhook batch " + batch.id() + ": " + e);
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

    @Override
    public void close() {
        loop.close();
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
