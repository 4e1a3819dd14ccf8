package concierge.messaging;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

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
    private final Database.Engine engine;
    private final JdbiPlacements placements;

    /** {@code engine} chooses how a page over several threads is read (findPage). */
    public JdbiMessageRepository(Jdbi jdbi, Database.Engine engine) {
        this.jdbi = jdbi;
        this.engine = engine;
        this.placements = new JdbiPlacements(jdbi, "message");
    }

    @Override
    public int add(List<Message> messages, boolean reopen, Instant now) {
        List<UUID> threadIds = messages.stream().map(Message::threadId).distinct().toList();
        return jdbi.inTransaction(handle -> {
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
        Walk walk = new Walk(createdUtc, after, count);
        List<JdbiPlacements.Listed<Message>> page = jdbi.withHandle(handle -> {
            if (threadIds.size() == 1) {
                return oneThread(handle, threadIds.getFirst(), walk);
            }
            return engine == Database.Engine.POSTGRESQL
                    ? everyThreadInOneStatement(handle, threadIds, walk)
                    : threadByThread(handle, threadIds, walk);
        });
        return placements.rememberLast(page);
    }

    /**
     * The newest {@code count} messages of one thread that pass the filters: an ordered walk of its
     * {@code (thread_id, created_utc, seq)} index that stops after {@code count} entries, whatever the
     * thread holds. Every page is made of such walks.
     */
    private record Walk(Optional<TimeInterval> createdUtc, Optional<KeysetPosition> after, int count) {

        /** Starting the order with thread_id lets the walk follow the index (H2 needs it; PostgreSQL does not mind). */
        private static final String NEWEST_FIRST = " ORDER BY thread_id DESC, created_utc DESC, seq DESC LIMIT :count";

        /**
         * The walk's SELECT; {@code thread} is the SQL that names the thread. No owner columns here: they
         * are implied by the thread, and repeating them makes PostgreSQL estimate one row and sort the
         * whole thread instead of walking its index.
         */
        String select(String columns, String thread, String extraCondition) {
            StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM message WHERE thread_id = ")
                    .append(thread);
            createdUtc.ifPresent(interval -> sql.append(interval.isEquality()
                    ? " AND created_utc = :createdStart"
                    : " AND created_utc >= :createdStart AND created_utc < :createdEnd"));
            after.ifPresent(position -> sql.append(" AND (created_utc, seq) < (:afterCreatedUtc, :afterSeq)"));
            return sql.append(extraCondition).append(NEWEST_FIRST).toString();
        }

        Query bind(Query query) {
            query.bind("count", count);
            createdUtc.ifPresent(interval -> {
                query.bind("createdStart", utc(interval.startUtc()));
                if (!interval.isEquality()) {
                    query.bind("createdEnd", utc(interval.endUtc()));
                }
            });
            after.ifPresent(position -> query
                    .bind("afterCreatedUtc", utc(position.createdUtc()))
                    .bind("afterSeq", position.seq()));
            return query;
        }
    }

    private static List<JdbiPlacements.Listed<Message>> oneThread(Handle handle, UUID threadId, Walk walk) {
        return walk.bind(handle.createQuery(walk.select(COLUMNS + ", seq", ":threadId", "")))
                .bind("threadId", threadId)
                .map(JdbiMessageRepository::listed)
                .list();
    }

    /**
     * Several threads on PostgreSQL: one walk per thread (LATERAL) reading only the index, the newest
     * {@code count} of those entries, then their rows: at most threads x count index entries and
     * {@code count} rows, however many messages the threads hold (sorting all of them made a page cost
     * what the threads store: bench/results/LATEST.md). The threads go in one array, so the statement
     * text is the same for any number of them; a UNION ALL of one branch per thread took PostgreSQL
     * about 100 ms to plan at 1000 threads, and 20 MB per cached plan.
     */
    private static List<JdbiPlacements.Listed<Message>> everyThreadInOneStatement(Handle handle, List<UUID> threadIds,
                                                                                  Walk walk) {
        String sql = "SELECT " + COLUMNS + ", seq FROM message WHERE seq IN ("
                + "SELECT newest.seq FROM unnest(:threadIds) AS asked(id)"
                + " CROSS JOIN LATERAL (" + walk.select("created_utc, seq", "asked.id", "") + ") newest"
                + " ORDER BY newest.created_utc DESC, newest.seq DESC LIMIT :count)"
                + " ORDER BY created_utc DESC, seq DESC";
        return walk.bind(handle.createQuery(sql))
                .bindArray("threadIds", UUID.class, threadIds)
                .map(JdbiMessageRepository::listed)
                .list();
    }

    /**
     * Several threads on H2, which has no LATERAL (h2database#1816; a UNION ALL of one branch per thread
     * overflows its parser's stack at 1000 threads): the same walks, one statement per thread (embedded,
     * so no round trip), keeping the newest {@code count} positions seen. Once {@code count} are kept, a
     * walk reads only what is newer than the oldest of them. Then the rows of those kept.
     */
    private static List<JdbiPlacements.Listed<Message>> threadByThread(Handle handle, List<UUID> threadIds,
                                                                       Walk walk) {
        PriorityQueue<KeysetPosition> newest = new PriorityQueue<>(); // the oldest kept at its head
        for (UUID threadId : threadIds) {
            boolean full = newest.size() == walk.count();
            String sql = walk.select("created_utc, seq", ":threadId",
                    full ? " AND (created_utc, seq) > (:oldestCreatedUtc, :oldestSeq)" : "");
            Query query = walk.bind(handle.createQuery(sql)).bind("threadId", threadId);
            if (full) {
                query.bind("oldestCreatedUtc", utc(newest.peek().createdUtc())).bind("oldestSeq", newest.peek().seq());
            }
            newest.addAll(query.map((rs, ctx) -> new KeysetPosition(instant(rs, "created_utc"), rs.getLong("seq")))
                    .list());
            while (newest.size() > walk.count()) {
                newest.poll();
            }
        }
        if (newest.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + ", seq FROM message WHERE seq = ANY(:seqs)"
                        + " ORDER BY created_utc DESC, seq DESC")
                .bindArray("seqs", Long.class, newest.stream().map(KeysetPosition::seq).toList())
                .map(JdbiMessageRepository::listed)
                .list();
    }

    private static JdbiPlacements.Listed<Message> listed(ResultSet rs, StatementContext ctx) throws SQLException {
        return JdbiPlacements.listed(message(rs), rs);
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
