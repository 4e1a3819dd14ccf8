package concierge.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The stored MessageAdded events and their delivery state. */
public interface WebhookOutbox {

    /**
     * Leases up to {@code maxEvents} due events until {@code leaseUntil}, grouped into batches of at
     * most {@code maxBatchSize} events; events leased by another instance are skipped.
     */
    List<WebhookBatch> claim(Instant now, Instant leaseUntil, int maxEvents, int maxBatchSize);

    void delivered(UUID batchId, Instant now);

    void retryLater(UUID batchId, Instant nextAttempt, String error);

    void dead(UUID batchId, String error);

    /** Batches in a status, newest first (the admin's view). */
    List<BatchSummary> list(String status, int count);

    /** Makes a dead batch's events due again, with a fresh retry budget; returns how many events. */
    int replay(List<UUID> batchIds, Instant now);

    record BatchSummary(UUID id, UUID clientId, UUID enterpriseId, UUID integrationId, String status, int attempts,
                        Instant nextAttemptUtc, Optional<String> lastError, List<UUID> messageIds) {
    }
}
