package concierge.webhooks;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Batches in a status, newest first (the admin's view). */
    List<BatchSummary> list(DeliveryStatus status, int count);

    /** Makes a dead batch's events due again, with a fresh retry budget; returns how many events. */
    int replay(List<UUID> batchIds, Instant now);

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
                        List<MessageId> messageIds) {
    }
}
