package concierge.messaging;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Messages in SQL. They carry their thread's owner columns, so a Cursor's scope is checked on the
 * message itself; pages are keysets on {@code (created_utc, seq)} like threads.
 */
public final class JdbiMessageRepository implements MessageRepository {

    private static final String COLUMNS = "id, thread_id, client_id, enterprise_id, sender, text, identifier, created_utc";

    private static final String INSERT = "INSERT INTO message (" + COLUMNS + ") VALUES (:id, :threadId, :clientId,"
            + " :enterpriseId, :sender, :text, :identifier, :createdUtc)";

    /** One MessageAdded event per message whose owning client has a webhook URL. */
    private static final String OUTBOX = """
            INSERT INTO webhook_event (message_id, client_id, enterprise_id, integration_id, status, attempts,
                                       next_attempt_utc, created_utc)
            SELECT m.id, m.client_id, m.enterprise_id, t.integration_id, 'Pending', 0, :now, :now
              FROM message m
              JOIN message_thread t ON t.id = m.thread_id
              JOIN client c ON c.id = m.client_id
             WHERE m.id IN (<messageIds>) AND c.webhook_url IS NOT NULL
            """;

    private final Jdbi jdbi;
    private final JdbiPlacements placements;

    public JdbiMessageRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.placements = new JdbiPlacements(jdbi, "message");
    }

    @Override
    public int add(List<Message> messages, boolean reopen, Instant now) {
        List<UUID> threadIds = messages.stream().map(Message::threadId).distinct().toList();
        return jdbi.inTransaction(handle -> {
            JdbiMessageThreadRepository.lockInIdOrder(handle, threadIds);
            PreparedBatch batch = handle.prepareBatch(INSERT);
            for (Message message : messages) {
                batch.bind("id", message.id())
                        .bind("threadId", message.threadId())
                        .bind("clientId", message.clientId())
                        .bind("enterpriseId", message.enterpriseId())
                        .bind("sender", message.sender().discriminator())
                        .bind("text", message.text())
                        .bind("identifier", message.identifier().orElse(null))
                        .bind("createdUtc", utc(message.createdUtc()))
                        .add();
            }
            batch.execute();
            // The MessageAdded outbox, in the same transaction: no message without its event.
            int events = handle.createUpdate(OUTBOX)
                    .bind("now", utc(now))
                    .bindList("messageIds", messages.stream().map(Message::id).toList())
                    .execute();
            // GREATEST keeps UpdatedUtc moving forward when writes race; the row lock orders them.
            handle.createUpdate("UPDATE message_thread SET updated_utc = GREATEST(updated_utc, :now)"
                            + (reopen ? ", is_resolved = FALSE" : "") + " WHERE id IN (<threadIds>)")
                    .bind("now", utc(now))
                    .bindList("threadIds", threadIds)
                    .execute();
            return events;
        });
    }

    @Override
    public Optional<KeysetPosition> findPosition(UUID messageId, ThreadScope scope) {
        return placements.position(messageId, scope);
    }

    @Override
    public List<Message> findPage(List<UUID> threadIds, Optional<TimeInterval> createdUtc,
                                  Optional<KeysetPosition> after, int count) {
        boolean oneThread = threadIds.size() == 1;
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(", seq FROM message WHERE ")
                // No owner columns here: they are implied by the thread, and repeating them makes
                // PostgreSQL estimate one row and sort the whole thread instead of walking its index.
                .append(oneThread ? "thread_id = :threadId" : "thread_id IN (<threadIds>)");
        createdUtc.ifPresent(interval -> sql.append(JdbiTimeIntervals.condition("created_utc", "created")));
        after.ifPresent(position -> sql.append(" AND (created_utc, seq) < (:afterCreatedUtc, :afterSeq)"));
        // Starting with thread_id lets one thread's page walk the (thread_id, created_utc, seq) index in order.
        sql.append(oneThread ? " ORDER BY thread_id DESC, created_utc DESC, seq DESC" : " ORDER BY created_utc DESC, seq DESC")
                .append(" LIMIT :count");
        List<JdbiPlacements.Listed<Message>> page = jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("count", count);
            if (oneThread) {
                query.bind("threadId", threadIds.getFirst());
            } else {
                query.bindList("threadIds", threadIds);
            }
            createdUtc.ifPresent(interval -> JdbiTimeIntervals.bind(query, "created", interval));
            after.ifPresent(position -> query
                    .bind("afterCreatedUtc", utc(position.createdUtc()))
                    .bind("afterSeq", position.seq()));
            return query.map((rs, ctx) -> JdbiPlacements.listed(message(rs), rs)).list();
        });
        return placements.rememberLast(page);
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getObject("thread_id", UUID.class),
                rs.getObject("client_id", UUID.class),
                rs.getObject("enterprise_id", UUID.class),
                Sender.of(rs.getString("sender")),
                rs.getString("text"),
                Optional.ofNullable(rs.getString("identifier")),
                instant(rs, "created_utc"));
    }
}
