package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.testing.WebhookReceiver;
import concierge.testing.WebhookReceiver.Received;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher survives any Throwable in its work (issue 10, finding 1): an Error in a claim or
 * in a delivery is logged, the loop goes on, and later batches are still delivered over real HTTP
 * to a receiver on loopback. The outbox is in memory, so that it can throw an Error once.
 */
class WebhookDispatcherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final RetryPolicy QUICK_RETRY =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(5));

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final AtomicBoolean failNextSend = new AtomicBoolean();
    private WebhookReceiver receiver;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start();
        HttpWebhookSender http = new HttpWebhookSender(Duration.ofSeconds(2));
        WebhookSender sender = (url, batch) -> {
            if (failNextSend.getAndSet(false)) {
                throw new StackOverflowError("thrown by the test");
            }
            return http.send(url, batch);
        };
        dispatcher = new WebhookDispatcher(outbox, sender, QUICK_RETRY, Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        receiver.close();
    }

    @Test
    void errorInAClaimDoesNotStopTheLoop() {
        outbox.failNextClaim.set(true);
        outbox.awaitClaimFailed();

        WebhookBatch later = outbox.add(receiver.url("/hook"));
        dispatcher.messagesCommitted();

        assertThat(receiver.awaitRequests(1, PATIENCE).getFirst().eventIds())
                .containsExactly(later.messageIds().getFirst().toString());
    }

    @Test
    void errorInADeliveryIsARecordedFailedAttemptAndTheBatchIsDeliveredLater() {
        failNextSend.set(true);
        WebhookBatch batch = outbox.add(receiver.url("/hook"));
        dispatcher.messagesCommitted();

        outbox.awaitDelivered(batch.id());

        assertThat(outbox.errors(batch.id())).singleElement().asString()
                .contains("could not send: java.lang.StackOverflowError");
        assertThat(outbox.attempts(batch.id())).extracting(attempt -> attempt.error().isPresent())
                .containsExactly(true, false);
        assertThat(receiver.requests()).extracting(Received::eventIds)
                .containsExactly(List.of(batch.messageIds().getFirst().toString()));
    }

    /** Batches due at once or after their retry time; claims lease them until a result is recorded. */
    private static final class MemoryOutbox implements WebhookOutbox {

        final AtomicBoolean failNextClaim = new AtomicBoolean();
        private boolean claimFailed;
        private final Map<UUID, WebhookBatch> pending = new LinkedHashMap<>();
        private final Map<UUID, Instant> dueAt = new LinkedHashMap<>();
        private final Map<UUID, List<String>> errors = new LinkedHashMap<>();
        private final List<UUID> delivered = new ArrayList<>();
        private final Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();

        synchronized WebhookBatch add(String url) {
            WebhookBatch batch = new WebhookBatch(UUID.randomUUID(), new ClientId(UUID.randomUUID()), new EnterpriseId(UUID.randomUUID()),
                    new IntegrationId(UUID.randomUUID()), Optional.of(url), List.of(new MessageId(UUID.randomUUID())), 0, Instant.now());
            pending.put(batch.id(), batch);
            dueAt.put(batch.id(), Instant.now());
            return batch;
        }

        @Override
        public int enqueue(List<MessageId> messageIds, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized Claim claim(Instant now, Instant leaseUntil, int maxEvents, int maxBatchSize,
                                        Capacity capacity) {
            if (failNextClaim.getAndSet(false)) {
                claimFailed = true;
                notifyAll();
                throw new StackOverflowError("thrown by the test");
            }
            List<WebhookBatch> due = new ArrayList<>();
            pending.forEach((id, batch) -> {
                if (!dueAt.get(id).isAfter(now)) {
                    due.add(batch);
                }
            });
            due.forEach(batch -> dueAt.put(batch.id(), leaseUntil));
            return new Claim(due, false);
        }

        @Override
        public synchronized void delivered(UUID batchId, Instant now) {
            pending.remove(batchId);
            delivered.add(batchId);
            notifyAll();
        }

        @Override
        public synchronized void retryLater(UUID batchId, Instant nextAttempt, String error) {
            WebhookBatch batch = pending.get(batchId);
            pending.put(batchId, new WebhookBatch(batch.id(), batch.clientId(), batch.enterpriseId(),
                    batch.integrationId(), batch.url(), batch.messageIds(), batch.attempts() + 1, batch.oldestEventUtc()));
            dueAt.put(batchId, nextAttempt);
            errors.computeIfAbsent(batchId, key -> new ArrayList<>()).add(error);
        }

        @Override
        public synchronized void dead(UUID batchId, String error) {
            pending.remove(batchId);
            errors.computeIfAbsent(batchId, key -> new ArrayList<>()).add("dead: " + error);
        }

        @Override
        public synchronized void recordAttempt(UUID batchId, Attempt attempt, Optional<String> payload) {
            attempts.computeIfAbsent(batchId, key -> new ArrayList<>()).add(attempt);
        }

        @Override
        public OptionalLong position(UUID batchId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<BatchSummary> list(BatchFilter filter, OptionalLong after, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<BatchHistory> history(UUID batchId, int maxAttempts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int replay(List<UUID> batchIds, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TestSend sendAgain(ClientId clientId, MessageId messageId, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteAll() {
            throw new UnsupportedOperationException();
        }

        synchronized List<Attempt> attempts(UUID batchId) {
            return List.copyOf(attempts.getOrDefault(batchId, List.of()));
        }

        synchronized List<String> errors(UUID batchId) {
            return List.copyOf(errors.getOrDefault(batchId, List.of()));
        }

        synchronized void awaitClaimFailed() {
            await(() -> claimFailed, "a claim that threw");
        }

        synchronized void awaitDelivered(UUID batchId) {
            await(() -> delivered.contains(batchId), "batch " + batchId + " delivered; errors " + errors);
        }

        private void await(BooleanSupplier condition, String description) {
            long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
            try {
                while (!condition.getAsBoolean()) {
                    long left = giveUpAt - System.nanoTime();
                    assertThat(left).as("waiting for " + description).isPositive();
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
