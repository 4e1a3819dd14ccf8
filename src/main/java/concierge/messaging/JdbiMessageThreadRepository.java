package concierge.messaging;

import static concierge.store.SqlTime.instant;
import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageThreadId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Threads in SQL. Listings are keyset pages: {@code (created_utc, seq) < (cursor's)} newest first, or
 * {@code (updated_utc, seq)} by last activity.
 * Each scope's ORDER BY starts with its equality columns so both engines walk the matching index
 * in order (see docs/design.md).
 */
public final class JdbiMessageThreadRepository implements MessageThreadRepository {

    private static final String COLUMNS = "id, client_id, enterprise_id, integration_id, original_sender, subject,"
            + " created_utc, updated_utc, is_resolved, last_message_utc";

    /**
     * A thread is added before any message (last_message_utc stays NULL until messages/add sets it);
     * Subject and OriginalSender are stored folded too, for Search (SearchText).
     */
    private static final String INSERT = "INSERT INTO message_thread (id, client_id, enterprise_id, integration_id,"
            + " original_sender, subject, created_utc, updated_utc, is_resolved, original_sender_folded, subject_folded)"
            + " VALUES (:id, :clientId, :enterpriseId, :integrationId, :originalSender, :subject, :createdUtc,"
            + " :updatedUtc, :isResolved, :originalSenderFolded, :subjectFolded)";

    /**
     * Either column contains the pattern (SearchText.containing). The escape character is named on both
     * engines; it is '!', not a backslash, which Jdbi's SQL parser would take for an escape in the literal.
     */
    private static final String SEARCH = " AND (subject_folded LIKE :search ESCAPE '" + SearchText.ESCAPE + "'"
            + " OR original_sender_folded LIKE :search ESCAPE '" + SearchText.ESCAPE + "')";

    /**
     * The most threads one Search request examines (README, the staff API): a Search that matches
     * nothing reads two walks of this many index entries, not the hotel's every thread (1M threads in
     * one hotel on PostgreSQL: 5,000 rows instead of 1,000,000; bench/results/2026-12-01/inbox-reads.md).
     */
    public static final int SEARCH_WINDOW = 5_000;

    private final Jdbi jdbi;
    private final JdbiPlacements<MessageThreadId> placements;
    private final int searchWindow;

    public JdbiMessageThreadRepository(Jdbi jdbi) {
        this(jdbi, SEARCH_WINDOW);
    }

    /** {@code searchWindow}: the most threads a Search request examines (SEARCH_WINDOW; tests use a few). */
    public JdbiMessageThreadRepository(Jdbi jdbi, int searchWindow) {
        this.jdbi = jdbi;
        this.placements = new JdbiPlacements<>(jdbi, "message_thread", MessageThreadId::new);
        this.searchWindow = searchWindow;
    }

    @Override
    public void add(MessageThread thread) {
        jdbi.useHandle(handle -> handle.createUpdate(INSERT)
                .bind("id", thread.id())
                .bind("clientId", thread.clientId())
                .bind("enterpriseId", thread.enterpriseId())
                .bind("integrationId", thread.integrationId())
                .bind("originalSender", thread.originalSender())
                .bind("subject", thread.subject())
                .bind("createdUtc", utc(thread.createdUtc()))
                .bind("updatedUtc", utc(thread.updatedUtc()))
                .bind("isResolved", thread.isResolved())
                .bind("originalSenderFolded", SearchText.fold(thread.originalSender()))
                .bind("subjectFolded", SearchText.fold(thread.subject()))
                .execute());
    }

    @Override
    public List<Placement<MessageThreadId>> findPlacements(List<MessageThreadId> ids, ThreadScope scope) {
        return placements.findVisible(ids, scope);
    }

    /**
     * GREATEST keeps UpdatedUtc moving forward when writes race; the row lock orders them. The rows
     * are read back before the commit, while this transaction still holds their locks, so a
     * concurrent message cannot show through in the answer.
     */
    @Override
    public List<MessageThread> setResolved(List<MessageThreadId> ids, boolean resolved, Instant now) {
        return jdbi.inTransaction(handle -> {
            lockInIdOrder(handle, ids);
            handle.createUpdate("UPDATE message_thread SET is_resolved = :resolved,"
                            + " updated_utc = GREATEST(updated_utc, :now) WHERE id IN (<ids>)")
                    .bind("resolved", resolved)
                    .bind("now", utc(now))
                    .bindList("ids", ids)
                    .execute();
            return handle.createQuery("SELECT " + COLUMNS + " FROM message_thread WHERE id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> thread(rs))
                    .list();
        });
    }

    /**
     * Takes the row locks of these threads in the order of their ids, as the first statement of every
     * transaction that writes threads. An {@code UPDATE … WHERE id IN (…)} locks rows in whatever order
     * its plan visits them, which differs between statements (index or heap order, and a row moves when
     * it is updated): two writers of overlapping threads then deadlocked. Taken in one order, the second
     * writer simply waits for the first. (FOR UPDATE, not PostgreSQL's lighter FOR NO KEY UPDATE, which
     * H2 lacks; every writer of a thread's messages takes this lock first anyway.)
     */
    static void lockInIdOrder(Handle handle, List<MessageThreadId> threadIds) {
        handle.createQuery("SELECT id FROM message_thread WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
                .bindList("ids", threadIds)
                .mapTo(UUID.class)
                .list();
    }

    /**
     * By creation the position never changes and is remembered (JdbiPlacements); by UpdatedUtc it is
     * read now, once the remembered placement says the scope sees the thread.
     */
    @Override
    public Optional<KeysetPosition> findPosition(MessageThreadId threadId, ThreadScope scope, ThreadOrder order) {
        Optional<KeysetPosition> created = placements.position(threadId, scope);
        if (order == ThreadOrder.CREATED_UTC || created.isEmpty()) {
            return created;
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT updated_utc FROM message_thread WHERE id = :id")
                .bind("id", threadId)
                .map((rs, ctx) -> new KeysetPosition(instant(rs, "updated_utc"), created.get().seq()))
                .findOne());
    }

    @Override
    public Page<MessageThread> findPage(ThreadScope scope, ThreadFilter filter, ThreadOrder order,
                                        Optional<KeysetPosition> after, int count) {
        if (filter.search().isPresent() && filter.threadIds().isEmpty()) {
            return searchPage(scope, filter, order, after.orElse(BEYOND_EVERY_ROW), count);
        }
        Optional<KeysetPosition> from = after.isPresent() || scope.clientId().isPresent() || filter.threadIds().isPresent()
                ? after : Optional.of(BEYOND_EVERY_ROW);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(", seq FROM ")
                .append(filter.threadIds().isPresent() ? BY_IDS : "message_thread")
                .append(" WHERE ").append(scopeCondition(scope));
        filter.createdUtc().ifPresent(interval -> sql.append(JdbiTimeIntervals.condition("created_utc", "created")));
        filter.updatedUtc().ifPresent(interval -> sql.append(JdbiTimeIntervals.condition("updated_utc", "updated")));
        filter.isResolved().ifPresent(resolved -> sql.append(" AND is_resolved = :isResolved"));
        filter.search().ifPresent(search -> sql.append(SEARCH));
        from.ifPresent(position -> sql.append(" AND (").append(order.column()).append(", seq) < (:afterUtc, :afterSeq)"));
        sql.append(" ORDER BY ").append(filter.threadIds().isPresent() ? byTime(order) : orderBy(scope, order))
                .append(" LIMIT :count");

        List<JdbiPlacements.Listed<MessageThread, MessageThreadId>> page = jdbi.withHandle(handle -> {
            Query query = bindFilters(handle.createQuery(sql.toString()), scope, filter).bind("count", count);
            from.ifPresent(position -> bindPosition(query, position));
            return query.map((rs, ctx) -> placements.listed(thread(rs), rs)).list();
        });
        return Page.of(placements.rememberLast(page), MessageThread::id);
    }

    /**
     * A Search examines at most {@code searchWindow} threads of the ordered walk from the position (the
     * scope and an interval on the sort column bound that walk). A first statement finds where the
     * window ends (its last row: LIMIT 1 OFFSET searchWindow - 1; none when the walk ends sooner); the
     * page is then the ordinary walk down to that row, keeping the matches of the other filters and
     * the Search, and that row itself, matching or not, so a page that ends with the window continues
     * after it: its Cursor is the last thread examined. Two plain walks of the index rather than one
     * statement with the window as a subquery: H2 walks an index in order only at the top level (in a
     * subquery it took the enterprise_id index and sorted the whole hotel, 100,001 rows for 5,000).
     */
    private Page<MessageThread> searchPage(ThreadScope scope, ThreadFilter filter, ThreadOrder order,
                                           KeysetPosition from, int count) {
        boolean byCreation = order == ThreadOrder.CREATED_UTC;
        String sortIntervalName = byCreation ? "created" : "updated";
        Optional<TimeInterval> sortInterval = byCreation ? filter.createdUtc() : filter.updatedUtc();
        Optional<TimeInterval> otherInterval = byCreation ? filter.updatedUtc() : filter.createdUtc();
        String walk = scopeCondition(scope)
                + sortInterval.map(interval -> JdbiTimeIntervals.condition(order.column(), sortIntervalName)).orElse("")
                + " AND (" + order.column() + ", seq) < (:afterUtc, :afterSeq)";
        String matches = "TRUE"
                + otherInterval.map(interval -> JdbiTimeIntervals.condition(byCreation ? "updated_utc" : "created_utc",
                        byCreation ? "updated" : "created")).orElse("")
                + filter.isResolved().map(resolved -> " AND is_resolved = :isResolved").orElse("")
                + SEARCH;

        return jdbi.withHandle(handle -> {
            Query endQuery = bindScope(handle.createQuery("SELECT " + order.column() + ", seq FROM message_thread"
                    + " WHERE " + walk + " ORDER BY " + orderBy(scope, order) + " LIMIT 1 OFFSET :skip"), scope)
                    .bind("skip", searchWindow - 1);
            sortInterval.ifPresent(interval -> JdbiTimeIntervals.bind(endQuery, sortIntervalName, interval));
            bindPosition(endQuery, from);
            Optional<KeysetPosition> windowEnd = endQuery
                    .map((rs, ctx) -> new KeysetPosition(instant(rs, order.column()), rs.getLong("seq"))).findOne();

            String sql = "SELECT " + COLUMNS + ", seq, CASE WHEN " + matches + " THEN 1 ELSE 0 END AS matched"
                    + " FROM message_thread WHERE " + walk
                    + (windowEnd.isPresent()
                            ? " AND (" + order.column() + ", seq) >= (:endUtc, :endSeq) AND (" + matches + " OR seq = :endSeq)"
                            : " AND " + matches)
                    + " ORDER BY " + orderBy(scope, order) + " LIMIT :count";
            Query query = bindFilters(handle.createQuery(sql), scope, filter).bind("count", count);
            bindPosition(query, from);
            windowEnd.ifPresent(end -> query.bind("endUtc", utc(end.utc())).bind("endSeq", end.seq()));
            List<Examined> examined = query.map((rs, ctx) -> new Examined(placements.listed(thread(rs), rs),
                    rs.getInt("matched") == 1,
                    windowEnd.isPresent() && rs.getLong("seq") == windowEnd.get().seq())).list();
            return page(examined, count);
        });
    }

    /** The matches; the Cursor after the window's last row when it ends the page short of Count. */
    private Page<MessageThread> page(List<Examined> examined, int count) {
        List<JdbiPlacements.Listed<MessageThread, MessageThreadId>> found =
                examined.stream().filter(Examined::matched).map(Examined::row).toList();
        Optional<Examined> windowEnd = examined.stream().filter(Examined::endsTheWindow).findFirst();
        if (found.size() == count || windowEnd.isEmpty()) {
            return Page.of(placements.rememberLast(found), MessageThread::id);
        }
        placements.remember(windowEnd.get().row().placement());
        return new Page<>(found.stream().map(JdbiPlacements.Listed::item).toList(),
                Optional.of(windowEnd.get().row().item().id().value()));
    }

    /** A row of a Search's window: a match, its last row, or both. */
    private record Examined(JdbiPlacements.Listed<MessageThread, MessageThreadId> row, boolean matched,
                            boolean endsTheWindow) {
    }

    private static Query bindFilters(Query query, ThreadScope scope, ThreadFilter filter) {
        bindScope(query, scope);
        filter.threadIds().ifPresent(ids -> query.bindList("ids", ids));
        filter.createdUtc().ifPresent(interval -> JdbiTimeIntervals.bind(query, "created", interval));
        filter.updatedUtc().ifPresent(interval -> JdbiTimeIntervals.bind(query, "updated", interval));
        filter.isResolved().ifPresent(resolved -> query.bind("isResolved", resolved.booleanValue()));
        filter.search().ifPresent(search -> query.bind("search", SearchText.containing(search)));
        return query;
    }

    private static void bindPosition(Query query, KeysetPosition position) {
        query.bind("afterUtc", utc(position.utc())).bind("afterSeq", position.seq());
    }

    /**
     * The staff inbox's first page starts after this position, as if it had a Cursor: without a range on
     * the sort column, H2 takes the enterprise_id foreign-key index and sorts the whole hotel (10,001
     * rows read for 20 at 10k threads) instead of walking the (enterprise_id, time, seq) index.
     */
    private static final KeysetPosition BEYOND_EVERY_ROW =
            new KeysetPosition(Instant.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE);

    private static String scopeCondition(ThreadScope scope) {
        String enterprises = scope.enterpriseIds().size() == 1
                ? "enterprise_id = :enterpriseId"
                : "enterprise_id IN (<enterpriseIds>)";
        return scope.clientId().isPresent() ? "client_id = :clientId AND " + enterprises : enterprises;
    }

    /**
     * Given thread Ids, the rows are few and found by primary key. Scope and filters then apply to
     * those candidates only: the OFFSET 0 subquery is not merged into the outer query, so
     * PostgreSQL's generic plan (used once a statement is prepared server-side) cannot prefer an
     * owner index and walk the owner's every thread instead (128-180 ms instead of 0.1-0.4 ms at 1M
     * threads: bench/results/2026-11-25/evidence-threads-ids-generic-plan.txt).
     */
    private static final String BY_IDS = "(SELECT " + COLUMNS + ", seq, original_sender_folded, subject_folded"
            + " FROM message_thread WHERE id IN (<ids>) OFFSET 0) candidate";
    /** The owner columns are constant within a scope, so ordering by time alone gives the same order. */
    private static String byTime(ThreadOrder order) {
        return order.column() + " DESC, seq DESC";
    }

    private static String orderBy(ThreadScope scope, ThreadOrder order) {
        boolean oneEnterprise = scope.enterpriseIds().size() == 1;
        if (scope.clientId().isPresent()) {
            return (oneEnterprise ? "client_id DESC, enterprise_id DESC, " : "client_id DESC, ") + byTime(order);
        }
        return (oneEnterprise ? "enterprise_id DESC, " : "") + byTime(order);
    }

    private static Query bindScope(Query query, ThreadScope scope) {
        scope.clientId().ifPresent(clientId -> query.bind("clientId", clientId));
        if (scope.enterpriseIds().size() == 1) {
            query.bind("enterpriseId", scope.enterpriseIds().getFirst());
        } else {
            query.bindList("enterpriseIds", scope.enterpriseIds());
        }
        return query;
    }

    private static MessageThread thread(ResultSet rs) throws SQLException {
        return new MessageThread(
                new MessageThreadId(rs.getObject("id", UUID.class)),
                new ClientId(rs.getObject("client_id", UUID.class)),
                new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                new IntegrationId(rs.getObject("integration_id", UUID.class)),
                rs.getString("original_sender"),
                rs.getString("subject"),
                instant(rs, "created_utc"),
                instant(rs, "updated_utc"),
                rs.getBoolean("is_resolved"),
                Optional.ofNullable(rs.getObject("last_message_utc", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant));
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM message_thread"));
    }

    @Override
    public void forgetRemembered() {
        placements.forgetAll();
    }
}
