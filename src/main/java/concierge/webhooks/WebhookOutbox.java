package concierge.webhooks;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The stored MessageAdded events and their delivery state. */
public interface WebhookOutbox {

    /**
     * Writes one MessageAdded event, due now, for each of the messages whose client has a webhook URL;
     * returns how many. Called in the transaction that stores the messages: no message without its event.
     */
    int enqueue(List<MessageId> messageIds, Instant now);

    /**
     * Reads up to {@code maxEvents} due events, groups them into batches of at most {@code maxBatchSize}
     * events and leases them until {@code leaseUntil}, but only as many batches as {@code capacity}
     * has room for: the rest stay due for a later claim. Events of clients without room are not read
     * at all; events leased by another instance are skipped.
     */
    Claim claim(Instant now, Instant leaseUntil, int maxEvents, int maxBatchSize, Capacity capacity);

    void delivered(UUID batchId, Instant now);

    void retryLater(UUID batchId, Instant nextAttempt, String error);

    void dead(UUID batchId, String error);

    /**
     * Records one delivery attempt of a leased batch, and the payload it sent, if the batch has none
     * yet (a batch sends the same payload every time). Nothing when the batch no longer exists.
     */
    void recordAttempt(UUID batchId, Attempt attempt, Optional<String> payload);

    /** Where a batch stands in {@link #list}'s order, if it exists: what a Cursor names. */
    OptionalLong position(UUID batchId);

    /**
     * Batches that have events in one of the filter's statuses (those events only), newest first,
     * after the batch at {@code after} if given (the admin's view).
     */
    List<BatchSummary> list(BatchFilter filter, OptionalLong after, int count);

    /** A batch's payload and its newest {@code maxAttempts} attempts, newest first. */
    Optional<BatchHistory> history(UUID batchId, int maxAttempts);

    /**
     * Makes a dead or delivered batch's events due again, with a fresh retry budget, in the same
     * batch; returns how many events.
     */
    int replay(List<UUID> batchIds, Instant now);

    /** Makes the client's message's MessageAdded event due now, in a batch of its own (a test delivery). */
    TestSend sendAgain(ClientId clientId, MessageId messageId, Instant now);

    /** Deletes every event, batch and attempt (the demo reset). */
    void deleteAll();

    /** What {@link #sendAgain} did. */
    enum TestSend {
        QUEUED,
        /** The event is waiting for its (next) attempt already: it goes with its batch. */
        ALREADY_PENDING,
        /** The client has no message with that Id. */
        UNKNOWN_MESSAGE,
        NO_WEBHOOK_URL
    }

    /**
     * One POST of a batch.
     *
     * @param statusCode the receiver's HTTP status, when it answered
     * @param error      why the attempt failed; empty when it was delivered
     */
    record Attempt(Instant startedUtc, long durationMillis, String url, OptionalInt statusCode,
                   Optional<String> error) {
    }

    /** @param payload the request body as sent; empty before the first attempt */
    record BatchHistory(UUID batchId, Optional<String> payload, List<Attempt> attempts) {

        public BatchHistory {
            attempts = List.copyOf(attempts);
        }
    }

    /** @param clientIds only these clients' batches, when given */
    record BatchFilter(Set<DeliveryStatus> statuses, Optional<List<ClientId>> clientIds) {

        public BatchFilter {
            statuses = Set.copyOf(statuses);
        }
    }

    /**
     * How many more batches may start now: {@code total} in all, and for each client
     * {@code perClient} less the deliveries it has in flight ({@code inFlight}, by client Id).
     */
    record Capacity(int total, int perClient, Map<ClientId, Integer> inFlight) {

        public Capacity {
            inFlight = Map.copyOf(inFlight);
        }

        int forClient(ClientId clientId) {
            return Math.max(0, perClient - inFlight.getOrDefault(clientId, 0));
        }

        Set<ClientId> fullClients() {
            return inFlight.keySet().stream().filter(client -> forClient(client) == 0).collect(Collectors.toSet());
        }
    }

    /** @param moreDue the read was full: more events may be due right now */
    record Claim(List<WebhookBatch> batches, boolean moreDue) {

        public Claim {
            batches = List.copyOf(batches);
        }
    }

    record BatchSummary(UUID id, ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                        DeliveryStatus status, int attempts, Instant nextAttemptUtc, Optional<String> lastError,
                        List<MessageId> messageIds, Instant createdUtc) {
    }
}
