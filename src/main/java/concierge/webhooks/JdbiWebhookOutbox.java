package concierge.webhooks;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.Identifier;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The outbox in SQL. Claims use FOR UPDATE SKIP LOCKED, so instances never lease the same event. The
 * statuses are literals in the statements, as a value the planner knows (few events are Pending).
 */
public final class JdbiWebhookOutbox implements WebhookOutbox {

    private static final String PENDING = literal(DeliveryStatus.PENDING);
    private static final String DELIVERED = literal(DeliveryStatus.DELIVERED);
    private static final String DEAD = literal(DeliveryStatus.DEAD);

    /** The message's owner and the integration its thread was opened through; only clients with a webhook URL. */
    private static final String ENQUEUE = """
            INSERT INTO webhook_event (message_id, client_id, enterprise_id, integration_id, status, attempts,
                                       next_attempt_utc, created_utc)
            SELECT m.id, m.client_id, m.enterprise_id, t.integration_id, %s, 0, :now, :now
              FROM message m
              JOIN message_thread t ON t.id = m.thread_id
              JOIN client c ON c.id = m.client_id
             WHERE m.id IN (<messageIds>) AND c.webhook_url IS NOT NULL
            """.formatted(PENDING);

    private static final String DUE = """
            SELECT message_id, client_id, enterprise_id, integration_id, attempts, created_utc
              FROM webhook_event
             WHERE status = %s AND next_attempt_utc <= :now %%s
             ORDER BY status, next_attempt_utc, seq
             LIMIT :max
             FOR UPDATE SKIP LOCKED
            """.formatted(PENDING);
    /** Leaves out clients without room, so that their due events never crowd out the others' in the read. */
    private static final String NOT_FULL = "AND client_id NOT IN (<fullClients>)";

    private final Jdbi jdbi;

    public JdbiWebhookOutbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static String literal(DeliveryStatus status) {
        return "'" + status.text() + "'";
    }

    @Override
    public int enqueue(List<MessageId> messageIds, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate(ENQUEUE)
                .bind("now", utc(now))
                .bindList("messageIds", messageIds)
                .execute());
    }

    private record DueEvent(MessageId messageId, ClientId clientId, EnterpriseId enterpriseId,
                            IntegrationId integrationId, int attempts, Instant createdUtc) {

        List<Identifier> group() {
            return List.of(clientId, enterpriseId, integrationId);
        }
    }

    @Override
    public Claim claim(Instant now, Instant leaseUntil, int maxEvents, int maxBatchSize, Capacity capacity) {
        Set<ClientId> fullClients = capacity.fullClients();
        return jdbi.inTransaction(handle -> {
            Query query = handle.createQuery(DUE.formatted(fullClients.isEmpty() ? "" : NOT_FULL));
            if (!fullClients.isEmpty()) {
                query.bindList("fullClients", List.copyOf(fullClients));
            }
            List<DueEvent> due = query
                    .bind("now", utc(now))
                    .bind("max", maxEvents)
                    .map((rs, ctx) -> new DueEvent(
                            new MessageId(rs.getObject("message_id", UUID.class)),
                            new ClientId(rs.getObject("client_id", UUID.class)),
                            new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                            new IntegrationId(rs.getObject("integration_id", UUID.class)),
                            rs.getInt("attempts"),
                            instant(rs, "created_utc")))
                    .list();
            boolean moreDue = due.size() == maxEvents;
            if (due.isEmpty()) {
                return new Claim(List.of(), moreDue);
            }
            Map<ClientId, Optional<String>> urls =
                    webhookUrls(handle, due.stream().map(DueEvent::clientId).distinct().toList());
            Map<List<Identifier>, List<DueEvent>> groups = new LinkedHashMap<>();
            for (DueEvent event : due) {
                groups.computeIfAbsent(event.group(), key -> new ArrayList<>()).add(event);
            }
            // Batches without room are not leased: their rows are unlocked at commit and stay due.
            Map<ClientId, Integer> leasedByClient = new HashMap<>();
            List<WebhookBatch> batches = new ArrayList<>();
            for (List<DueEvent> group : groups.values()) {
                ClientId clientId = group.getFirst().clientId();
                for (int from = 0; from < group.size(); from += maxBatchSize) {
                    int leased = leasedByClient.getOrDefault(clientId, 0);
                    if (batches.size() == capacity.total() || leased == capacity.forClient(clientId)) {
                        break;
                    }
                    List<DueEvent> events = group.subList(from, Math.min(group.size(), from + maxBatchSize));
                    batches.add(lease(handle, events, urls.get(clientId), leaseUntil));
                    leasedByClient.put(clientId, leased + 1);
                }
            }
            return new Claim(batches, moreDue);
        });
    }

    private static WebhookBatch lease(Handle handle, List<DueEvent> events, Optional<String> url,
                                      Instant leaseUntil) {
        UUID batchId = UUID.randomUUID();
        List<MessageId> messageIds = events.stream().map(DueEvent::messageId).toList();
        handle.createUpdate("UPDATE webhook_event SET batch_id = :batchId, next_attempt_utc = :leaseUntil"
                        + " WHERE message_id IN (<ids>)")
                .bind("batchId", batchId)
                .bind("leaseUntil", utc(leaseUntil))
                .bindList("ids", messageIds)
                .execute();
        DueEvent first = events.getFirst();
        return new WebhookBatch(batchId, first.clientId(), first.enterpriseId(), first.integrationId(), url, messageIds,
                events.stream().mapToInt(DueEvent::attempts).max().orElse(0),
                events.stream().map(DueEvent::createdUtc).min(Instant::compareTo).orElseThrow());
    }

    private static Map<ClientId, Optional<String>> webhookUrls(Handle handle, List<ClientId> clientIds) {
        Map<ClientId, Optional<String>> urls = new HashMap<>();
        handle.createQuery("SELECT id, webhook_url FROM client WHERE id IN (<ids>)")
                .bindList("ids", clientIds)
                .map((rs, ctx) -> urls.put(new ClientId(rs.getObject("id", UUID.class)),
                        Optional.ofNullable(rs.getString("webhook_url"))))
                .list();
        clientIds.forEach(id -> urls.putIfAbsent(id, Optional.empty()));
        return urls;
    }

    @Override
    public void delivered(UUID batchId, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE webhook_event SET status = " + DELIVERED + ","
                        + " attempts = attempts + 1, delivered_utc = :now, last_error = NULL"
                        + " WHERE batch_id = :batchId AND status = " + PENDING)
                .bind("now", utc(now)).bind("batchId", batchId).execute());
    }

    @Override
    public void retryLater(UUID batchId, Instant nextAttempt, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE webhook_event SET attempts = attempts + 1,"
                        + " next_attempt_utc = :next, last_error = :error"
                        + " WHERE batch_id = :batchId AND status = " + PENDING)
                .bind("next", utc(nextAttempt)).bind("error", error).bind("batchId", batchId).execute());
    }

    @Override
    public void dead(UUID batchId, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE webhook_event SET status = " + DEAD + ","
                        + " attempts = attempts + 1, last_error = :error WHERE batch_id = :batchId AND status = " + PENDING)
                .bind("error", error).bind("batchId", batchId).execute());
    }

    @Override
    public List<BatchSummary> list(DeliveryStatus status, int count) {
        record Row(UUID batchId, MessageId messageId, ClientId clientId, EnterpriseId enterpriseId,
                   IntegrationId integrationId, int attempts, Instant nextAttemptUtc, String lastError) {
        }
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("SELECT batch_id, message_id, client_id,"
                        + " enterprise_id, integration_id, attempts, next_attempt_utc, last_error FROM webhook_event"
                        + " WHERE status = :status AND batch_id IS NOT NULL ORDER BY seq DESC LIMIT :limit")
                .bind("status", status.text())
                .bind("limit", count * WebhookDispatcher.MAX_BATCH_SIZE)
                .map((rs, ctx) -> new Row(rs.getObject("batch_id", UUID.class),
                        new MessageId(rs.getObject("message_id", UUID.class)),
                        new ClientId(rs.getObject("client_id", UUID.class)),
                        new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                        new IntegrationId(rs.getObject("integration_id", UUID.class)), rs.getInt("attempts"),
                        instant(rs, "next_attempt_utc"), rs.getString("last_error")))
                .list());
        Map<UUID, List<Row>> byBatch = new LinkedHashMap<>();
        rows.forEach(row -> byBatch.computeIfAbsent(row.batchId(), key -> new ArrayList<>()).add(row));
        return byBatch.values().stream().limit(count).map(batch -> {
            Row first = batch.getFirst();
            return new BatchSummary(first.batchId(), first.clientId(), first.enterpriseId(), first.integrationId(),
                    status, batch.stream().mapToInt(Row::attempts).max().orElse(0), first.nextAttemptUtc(),
                    Optional.ofNullable(first.lastError()), batch.stream().map(Row::messageId).toList().reversed());
        }).toList();
    }

    /**
     * Two statements on the {@code (status, …)} index: the pending events (few, unless receivers are
     * failing) and the dead ones (every row of every dead batch: the metrics cache the answer).
     */
    public WebhookBacklog backlog(Instant now) {
        return jdbi.withHandle(handle -> {
            record Pending(long count, Instant oldest) {
            }
            Pending pending = handle.createQuery("SELECT COUNT(*) AS pending, MIN(created_utc) AS oldest"
                            + " FROM webhook_event WHERE status = " + PENDING)
                    .map((rs, ctx) -> new Pending(rs.getLong("pending"),
                            rs.getLong("pending") == 0 ? null : instant(rs, "oldest")))
                    .one();
            long deadBatches = handle.createQuery("SELECT COUNT(DISTINCT batch_id) FROM webhook_event"
                            + " WHERE status = " + DEAD)
                    .mapTo(Long.class).one();
            Duration age = pending.oldest() == null || pending.oldest().isAfter(now) ? Duration.ZERO
                    : Duration.between(pending.oldest(), now);
            return new WebhookBacklog(pending.count(), age, deadBatches);
        });
    }

    /** The replayed events count as new for the give-up clock: they get a full retry budget again. */
    @Override
    public int replay(List<UUID> batchIds, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE webhook_event SET status = " + PENDING + ","
                        + " attempts = 0, next_attempt_utc = :now, created_utc = :now, last_error = NULL"
                        + " WHERE batch_id IN (<ids>) AND status = " + DEAD)
                .bind("now", utc(now)).bindList("ids", batchIds).execute());
    }
}
