package concierge.messaging;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import concierge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
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

    private final Jdbi jdbi;
    private final Database.Engine engine;
    private final JdbiPlacements<MessageId> placements;

    /** {@code engine} chooses how a page over several threads is read (findPage). */
    public JdbiMessageRepository(Jdbi jdbi, Database.Engine engine) {
        this.jdbi = jdbi;
        this.engine = engine;
        this.placements = new JdbiPlacements<>(jdbi, "message", MessageId::new);
    }

    @Override
    public void add(List<Message> messages, boolean reopen, Instant now) {
        List<MessageThreadId> threadIds = messages.stream().map(Message::threadId).distinct().toList();
        jdbi.useTransaction(handle -> {
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
            // GREATEST keeps UpdatedUtc moving forward when writes race; the row lock orders them. The
            // messages are created at :now, so it is also their thread's LastMessageUtc.
            handle.createUpdate("UPDATE message_thread SET updated_utc = GREATEST(updated_utc, :now),"
                            + " last_message_utc = GREATEST(COALESCE(last_message_utc, :now), :now)"
                            + (reopen ? ", is_resolved = FALSE" : "") + " WHERE id IN (<threadIds>)")
                    .bind("now", utc(now))
                    .bindList("threadIds", threadIds)
                    .execute();
        });
    }

    @Override
    public Optional<KeysetPosition> findPosition(MessageId messageId, ThreadScope scope) {
        return placements.position(messageId, scope);
    }

    @Override
    public List<Message> findByIds(List<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM message WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> message(rs))
                .list());
    }

    @Override
    public List<Message> findPage(List<MessageThreadId> threadIds, Optional<TimeInterval> createdUtc,
                                  Optional<KeysetPosition> after, int count) {
        Filters filters = new Filters(createdUtc, after);
        List<JdbiPlacements.Listed<Message, MessageId>> page = jdbi.withHandle(handle -> threadIds.size() == 1
                ? oneThread(handle, threadIds.getFirst(), filters, count)
                : severalThreads(handle, threadIds, filters, count));
        return placements.rememberLast(page);
    }

    /** What every walk of a thread applies: the CreatedUtc filter and the Cursor. */
    private record Filters(Optional<TimeInterval> createdUtc, Optional<KeysetPosition> after) {

        String conditions() {
            StringBuilder sql = new StringBuilder();
            createdUtc.ifPresent(interval -> sql.append(JdbiTimeIntervals.condition("created_utc", "created")));
            after.ifPresent(position -> sql.append(" AND (created_utc, seq) < (:afterCreatedUtc, :afterSeq)"));
            return sql.toString();
        }

        Query bind(Query query) {
            createdUtc.ifPresent(interval -> JdbiTimeIntervals.bind(query, "created", interval));
            after.ifPresent(position -> query
                    .bind("afterCreatedUtc", utc(position.utc()))
                    .bind("afterSeq", position.seq()));
            return query;
        }
    }

    /**
     * One thread's walk: its newest {@code :perThread} messages that pass the filters (and, with a floor,
     * are not older than it), an ordered walk of its {@code (thread_id, created_utc, seq)} index that stops
     * there, however many messages the thread holds. {@code thread} is the SQL that names the thread.
     * Starting the order with thread_id lets H2 follow the index (PostgreSQL does not mind). No owner
     * columns: they are implied by the thread, and repeating them makes PostgreSQL estimate one row and
     * sort the whole thread instead of walking its index.
     */
    private static String walk(String columns, String thread, Filters filters, boolean floored) {
        return "SELECT " + columns + " FROM message WHERE thread_id = " + thread + filters.conditions()
                + (floored ? " AND (created_utc, seq) >= (:floorCreatedUtc, :floorSeq)" : "")
                + " ORDER BY thread_id DESC, created_utc DESC, seq DESC LIMIT :perThread";
    }

    private List<JdbiPlacements.Listed<Message, MessageId>> oneThread(Handle handle, MessageThreadId threadId,
                                                                     Filters filters, int count) {
        return filters.bind(handle.createQuery(walk(COLUMNS + ", seq", ":threadId", filters, false)))
                .bind("threadId", threadId)
                .bind("perThread", count)
                .map(this::listed)
                .list();
    }

    /**
     * Several threads: the page is the newest {@code count} of their walks, and most walks can stop early.
     * First each thread's newest k positions, k = count / threads rounded up, so that together they are
     * at least {@code count} unless the threads hold fewer: the count-th newest of them is a floor that no
     * message of the page is older than. A thread can hold more of the page than its k only if all k are
     * at or above the floor; only those threads (at most count / k of them) are walked further,
     * down to the floor. Then the rows of the newest {@code count} positions found.
     * <p>
     * Reads: threads x k (at most count + threads) index entries for the first walks, at most count per
     * further walk and usually a few, and {@code count} rows: bounded by the threads and the Count,
     * whatever the threads hold (sorting all their messages made a page cost what the threads store:
     * bench/results/LATEST.md). The statements do not share one snapshot: a message added while they run
     * is in the page or not, as if added just before or just after it; none older than the page's last
     * message is left out, so the next page (its Cursor) still finds every older one.
     */
    private List<JdbiPlacements.Listed<Message, MessageId>> severalThreads(Handle handle,
                                                                           List<MessageThreadId> threadIds,
                                                                           Filters filters, int count) {
        int k = Math.ceilDiv(count, threadIds.size());
        Map<MessageThreadId, List<KeysetPosition>> firstWalks =
                newestOfEach(handle, threadIds, filters, k, Optional.empty());
        NavigableSet<KeysetPosition> found = new TreeSet<>(Comparator.reverseOrder());
        firstWalks.values().forEach(found::addAll);
        Optional<KeysetPosition> floor = found.stream().skip(count - 1).findFirst();
        List<MessageThreadId> further = firstWalks.entrySet().stream()
                .filter(walked -> k < count && walked.getValue().size() == k
                        && floor.map(f -> Collections.min(walked.getValue()).compareTo(f) >= 0).orElse(true))
                .map(Map.Entry::getKey)
                .toList();
        if (!further.isEmpty()) {
            newestOfEach(handle, further, filters, count, floor).values().forEach(found::addAll);
        }
        List<Long> seqs = found.stream().limit(count).map(KeysetPosition::seq).toList();
        if (seqs.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + ", seq FROM message WHERE seq = ANY(:seqs)"
                        + " ORDER BY created_utc DESC, seq DESC")
                .bindArray("seqs", Long.class, seqs)
                .map(this::listed)
                .list();
    }

    /**
     * The positions each thread's walk finds (index entries only), by thread. PostgreSQL walks them all in
     * one statement (LATERAL over the Ids as one array: the same text for any number of threads; a UNION
     * ALL of one branch per thread took it 55-80 ms to plan and start at 1000 threads, against 6 ms, and
     * held 16 MB per prepared statement: bench/results/evidence-messages-wide-plans.txt). H2 has no
     * LATERAL (h2database#1816) and a UNION ALL of 1000 branches overflows its parser's stack: one
     * statement per thread, embedded, so without a round trip.
     */
    private Map<MessageThreadId, List<KeysetPosition>> newestOfEach(Handle handle, List<MessageThreadId> threadIds,
                                                                    Filters filters, int perThread,
                                                                    Optional<KeysetPosition> floor) {
        String columns = "thread_id, created_utc, seq";
        List<Walked> walked;
        if (engine == Database.Engine.POSTGRESQL) {
            String sql = "SELECT " + columns + " FROM unnest(:threadIds) AS asked(id)"
                    + " CROSS JOIN LATERAL (" + walk(columns, "asked.id", filters, floor.isPresent()) + ") newest";
            walked = bindFloor(filters.bind(handle.createQuery(sql)), floor)
                    .bindArray("threadIds", UUID.class, threadIds.stream().map(MessageThreadId::value).toList())
                    .bind("perThread", perThread)
                    .map(JdbiMessageRepository::walked)
                    .list();
        } else {
            String sql = walk(columns, ":threadId", filters, floor.isPresent());
            walked = new ArrayList<>();
            for (MessageThreadId threadId : threadIds) {
                walked.addAll(bindFloor(filters.bind(handle.createQuery(sql)), floor)
                        .bind("threadId", threadId)
                        .bind("perThread", perThread)
                        .map(JdbiMessageRepository::walked)
                        .list());
            }
        }
        return walked.stream().collect(Collectors.groupingBy(Walked::threadId, LinkedHashMap::new,
                Collectors.mapping(Walked::position, Collectors.toList())));
    }

    /** A position a thread's walk found. */
    private record Walked(MessageThreadId threadId, KeysetPosition position) {
    }

    private static Walked walked(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Walked(new MessageThreadId(rs.getObject("thread_id", UUID.class)),
                new KeysetPosition(instant(rs, "created_utc"), rs.getLong("seq")));
    }

    private static Query bindFloor(Query query, Optional<KeysetPosition> floor) {
        floor.ifPresent(position -> query
                .bind("floorCreatedUtc", utc(position.utc()))
                .bind("floorSeq", position.seq()));
        return query;
    }

    private JdbiPlacements.Listed<Message, MessageId> listed(ResultSet rs, StatementContext ctx) throws SQLException {
        return placements.listed(message(rs), rs);
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(
                new MessageId(rs.getObject("id", UUID.class)),
                new MessageThreadId(rs.getObject("thread_id", UUID.class)),
                new ClientId(rs.getObject("client_id", UUID.class)),
                new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                Sender.of(rs.getString("sender")),
                rs.getString("text"),
                Optional.ofNullable(rs.getString("identifier")),
                instant(rs, "created_utc"));
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM message"));
    }

    @Override
    public void forgetRemembered() {
        placements.forgetAll();
    }
}
