package concierge.webhooks;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
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
import java.util.OptionalInt;
import java.util.OptionalLong;
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
            SELECT message_id, client_id, enterprise_id, integration_id, batch_id, attempts, created_utc
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

    /** @param batchId the batch it was last sent in, if it was */
    private record DueEvent(MessageId messageId, ClientId clientId, EnterpriseId enterpriseId,
                            IntegrationId integrationId, Optional<UUID> batchId, int attempts, Instant createdUtc) {

        /** A retried or replayed batch is grouped apart from new events, so that it stays the batch it was. */
        Group group() {
            return new Group(clientId, enterpriseId, integrationId, batchId);
        }
    }

    private record Group(ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                         Optional<UUID> batchId) {
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
                            Optional.ofNullable(rs.getObject("batch_id", UUID.class)),
                            rs.getInt("attempts"),
                            instant(rs, "created_utc")))
                    .list();
            boolean moreDue = due.size() == maxEvents;
            if (due.isEmpty()) {
                return new Claim(List.of(), moreDue);
            }
            Map<ClientId, Optional<String>> urls =
                    webhookUrls(handle, due.stream().map(DueEvent::clientId).distinct().toList());
            Map<Group, List<DueEvent>> groups = new LinkedHashMap<>();
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
                    batches.add(lease(handle, events, urls.get(clientId), now, leaseUntil));
                    leasedByClient.put(clientId, leased + 1);
                }
            }
            return new Claim(batches, moreDue);
        });
    }

    private static WebhookBatch lease(Handle handle, List<DueEvent> events, Optional<String> url, Instant now,
                                      Instant leaseUntil) {
        DueEvent first = events.getFirst();
        UUID batchId = sameBatch(handle, events).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            handle.createUpdate("INSERT INTO webhook_batch (id, client_id, enterprise_id, integration_id, created_utc)"
                            + " VALUES (:id, :clientId, :enterpriseId, :integrationId, :now)")
                    .bind("id", id).bind("clientId", first.clientId()).bind("enterpriseId", first.enterpriseId())
                    .bind("integrationId", first.integrationId()).bind("now", utc(now)).execute();
            return id;
        });
        List<MessageId> messageIds = events.stream().map(DueEvent::messageId).toList();
        handle.createUpdate("UPDATE webhook_event SET batch_id = :batchId, next_attempt_utc = :leaseUntil"
                        + " WHERE message_id IN (<ids>)")
                .bind("batchId", batchId)
                .bind("leaseUntil", utc(leaseUntil))
                .bindList("ids", messageIds)
                .execute();
        return new WebhookBatch(batchId, first.clientId(), first.enterpriseId(), first.integrationId(), url, messageIds,
                events.stream().mapToInt(DueEvent::attempts).max().orElse(0),
                events.stream().map(DueEvent::createdUtc).min(Instant::compareTo).orElseThrow());
    }

    /**
     * The batch these events were sent in before, when they are all of it: a retry or replay is sent
     * again under its Id, so its attempts stay one history. Events of a batch that a claim split (it
     * read only some of them) go in a new batch.
     */
    private static Optional<UUID> sameBatch(Handle handle, List<DueEvent> events) {
        Optional<UUID> batchId = events.getFirst().batchId();
        if (batchId.isEmpty() || !events.stream().allMatch(event -> event.batchId().equals(batchId))) {
            return Optional.empty();
        }
        int pending = handle.createQuery("SELECT COUNT(*) FROM webhook_event WHERE batch_id = :batchId AND status = "
                        + PENDING)
                .bind("batchId", batchId.get()).mapTo(Integer.class).one();
        return pending == events.size() ? batchId : Optional.empty();
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
    public void recordAttempt(UUID batchId, Attempt attempt, Optional<String> payload) {
        jdbi.useTransaction(handle -> {
            // Nothing when the batch is gone (a reset while it was in flight).
            handle.createUpdate("INSERT INTO webhook_attempt (batch_id, started_utc, duration_millis, url, status_code,"
                            + " error) SELECT id, :started, :duration, :url, :status, :error FROM webhook_batch"
                            + " WHERE id = :batchId")
                    .bind("batchId", batchId).bind("started", utc(attempt.startedUtc()))
                    .bind("duration", (int) Math.min(Integer.MAX_VALUE, attempt.durationMillis()))
                    .bind("url", attempt.url())
                    .bind("status", attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null)
                    .bind("error", attempt.error().orElse(null)).execute();
            payload.ifPresent(sent -> handle.createUpdate("UPDATE webhook_batch SET payload = :payload"
                            + " WHERE id = :batchId AND payload IS NULL")
                    .bind("payload", sent).bind("batchId", batchId).execute());
        });
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

    @Override
    public OptionalLong position(UUID batchId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT seq FROM webhook_batch WHERE id = :id")
                .bind("id", batchId).mapTo(Long.class).findOne())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public List<BatchSummary> list(BatchFilter filter, OptionalLong after, int count) {
        record Batch(UUID id, ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                     Instant createdUtc) {
        }
        record Event(UUID batchId, MessageId messageId, DeliveryStatus status, int attempts, Instant nextAttemptUtc,
                     String lastError) {
        }
        List<String> statuses = filter.statuses().stream().map(DeliveryStatus::text).toList();
        return jdbi.withHandle(handle -> {
            Query page = handle.createQuery("SELECT id, client_id, enterprise_id, integration_id, created_utc"
                            + " FROM webhook_batch b WHERE EXISTS (SELECT 1 FROM webhook_event e"
                            + " WHERE e.batch_id = b.id AND e.status IN (<statuses>))"
                            + (filter.clientIds().isPresent() ? " AND client_id IN (<clientIds>)" : "")
                            + (after.isPresent() ? " AND seq < :after" : "")
                            + " ORDER BY seq DESC LIMIT :count")
                    .bindList("statuses", statuses).bind("count", count);
            filter.clientIds().ifPresent(ids -> page.bindList("clientIds", ids));
            after.ifPresent(seq -> page.bind("after", seq));
            List<Batch> batches = page.map((rs, ctx) -> new Batch(rs.getObject("id", UUID.class),
                            new ClientId(rs.getObject("client_id", UUID.class)),
                            new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                            new IntegrationId(rs.getObject("integration_id", UUID.class)), instant(rs, "created_utc")))
                    .list();
            if (batches.isEmpty()) {
                return List.of();
            }
            Map<UUID, List<Event>> events = new HashMap<>();
            handle.createQuery("SELECT batch_id, message_id, status, attempts, next_attempt_utc, last_error"
                            + " FROM webhook_event WHERE batch_id IN (<ids>) AND status IN (<statuses>) ORDER BY seq")
                    .bindList("ids", batches.stream().map(Batch::id).toList()).bindList("statuses", statuses)
                    .map((rs, ctx) -> new Event(rs.getObject("batch_id", UUID.class),
                            new MessageId(rs.getObject("message_id", UUID.class)),
                            DeliveryStatus.of(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
                            instant(rs, "next_attempt_utc"), rs.getString("last_error")))
                    .forEach(event -> events.computeIfAbsent(event.batchId(), key -> new ArrayList<>()).add(event));
            List<BatchSummary> summaries = new ArrayList<>();
            for (Batch batch : batches) {
                List<Event> of = events.get(batch.id());
                if (of == null) {
                    continue; // its events changed status between the two reads
                }
                Event first = of.getFirst();
                summaries.add(new BatchSummary(batch.id(), batch.clientId(), batch.enterpriseId(),
                        batch.integrationId(), first.status(), of.stream().mapToInt(Event::attempts).max().orElse(0),
                        first.nextAttemptUtc(), Optional.ofNullable(first.lastError()),
                        of.stream().map(Event::messageId).toList(), batch.createdUtc()));
            }
            return summaries;
        });
    }

    @Override
    public Optional<BatchHistory> history(UUID batchId, int maxAttempts) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT payload FROM webhook_batch WHERE id = :id")
                .bind("id", batchId).map((rs, ctx) -> Optional.ofNullable(rs.getString("payload"))).findOne()
                .map(payload -> new BatchHistory(batchId, payload, handle.createQuery("SELECT started_utc,"
                                + " duration_millis, url, status_code, error FROM webhook_attempt"
                                + " WHERE batch_id = :id ORDER BY id DESC LIMIT :max")
                        .bind("id", batchId).bind("max", maxAttempts)
                        .map((rs, ctx) -> {
                            int status = rs.getInt("status_code");
                            OptionalInt statusCode = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                            return new Attempt(instant(rs, "started_utc"), rs.getInt("duration_millis"),
                                    rs.getString("url"), statusCode, Optional.ofNullable(rs.getString("error")));
                        })
                        .list())));
    }

    /**
     * The replayed events count as new for the give-up clock: they get a full retry budget again.
     * They keep their batch Id, so the replay's attempts join the batch's history.
     */
    @Override
    public int replay(List<UUID> batchIds, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE webhook_event SET status = " + PENDING + ","
                        + " attempts = 0, next_attempt_utc = :now, created_utc = :now, last_error = NULL,"
                        + " delivered_utc = NULL WHERE batch_id IN (<ids>) AND status IN (" + DEAD + ", " + DELIVERED + ")")
                .bind("now", utc(now)).bindList("ids", batchIds).execute());
    }

    /**
     * The message's event, due now in a batch of its own (a new one, as it is not all of its old
     * batch); written when the message has none (its client had no WebhookUrl then).
     */
    @Override
    public TestSend sendAgain(ClientId clientId, MessageId messageId, Instant now) {
        return jdbi.inTransaction(handle -> {
            Optional<Optional<String>> url = handle.createQuery("SELECT c.webhook_url FROM message m"
                            + " JOIN client c ON c.id = m.client_id WHERE m.id = :messageId AND m.client_id = :clientId")
                    .bind("messageId", messageId).bind("clientId", clientId)
                    .map((rs, ctx) -> Optional.ofNullable(rs.getString("webhook_url"))).findOne();
            if (url.isEmpty()) {
                return TestSend.UNKNOWN_MESSAGE;
            }
            if (url.get().isEmpty()) {
                return TestSend.NO_WEBHOOK_URL;
            }
            Optional<String> status = handle.createQuery("SELECT status FROM webhook_event WHERE message_id = :id"
                            + " FOR UPDATE")
                    .bind("id", messageId).mapTo(String.class).findOne();
            if (status.isEmpty()) {
                handle.createUpdate(ENQUEUE).bind("now", utc(now)).bindList("messageIds", List.of(messageId)).execute();
                return TestSend.QUEUED;
            }
            if (status.get().equals(DeliveryStatus.PENDING.text())) {
                return TestSend.ALREADY_PENDING;
            }
            handle.createUpdate("UPDATE webhook_event SET status = " + PENDING + ", attempts = 0, batch_id = NULL,"
                            + " next_attempt_utc = :now, created_utc = :now, last_error = NULL, delivered_utc = NULL"
                            + " WHERE message_id = :id")
                    .bind("now", utc(now)).bind("id", messageId).execute();
            return TestSend.QUEUED;
        });
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> {
            handle.execute("DELETE FROM webhook_attempt");
            handle.execute("DELETE FROM webhook_batch");
            handle.execute("DELETE FROM webhook_event");
        });
    }
}
