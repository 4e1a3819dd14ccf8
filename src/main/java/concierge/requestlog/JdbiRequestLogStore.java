package concierge.requestlog;

import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.Identifier;
import concierge.ids.IntegrationId;
import concierge.store.SqlTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The request log in SQL: inserts in batches, pages newest first by {@code seq}, deletes in chunks. */
public final class JdbiRequestLogStore implements RequestLogStore {

    private static final String COLUMNS = "request_id, created_utc, operation, status, duration_micros, client_id,"
            + " integration_id, error_message, request_body, response_body";

    /** Requests one page examines, at most, when only Operations or StatusClasses narrow it (see find). */
    public static final int FILTER_WINDOW = 10_000;

    private final Jdbi jdbi;
    private final int filterWindow;

    public JdbiRequestLogStore(Jdbi jdbi) {
        this(jdbi, FILTER_WINDOW);
    }

    /** {@code filterWindow}: FILTER_WINDOW, or CONCIERGE_REQUEST_LOG_WINDOW_ROWS (tests use a few). */
    public JdbiRequestLogStore(Jdbi jdbi, int filterWindow) {
        this.jdbi = jdbi;
        this.filterWindow = filterWindow;
    }

    /**
     * One JDBC batch, bound by hand: Jdbi's binding per argument (type lookup, config) was half of the
     * writer's CPU in the benchmark's profile. pgjdbc sends it as multi-row INSERTs (reWriteBatchedInserts).
     */
    @Override
    public void add(List<LoggedRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> insert(handle, requests));
        } catch (SQLException e) {
            throw new IllegalStateException("request log: the INSERT failed: " + e.getMessage(), e);
        }
    }

    private static void insert(Handle handle, List<LoggedRequest> requests) throws SQLException {
        try (PreparedStatement insert = handle.getConnection().prepareStatement("INSERT INTO request_log ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LoggedRequest request : requests) {
                insert.setObject(1, request.requestId());
                insert.setObject(2, request.createdUtc().atOffset(ZoneOffset.UTC));
                insert.setString(3, request.operation());
                insert.setInt(4, request.status());
                insert.setLong(5, request.durationMicros());
                setUuidOrNull(insert, 6, request.clientId());
                setUuidOrNull(insert, 7, request.integrationId());
                insert.setString(8, request.errorMessage().orElse(null));
                insert.setString(9, request.requestBody());
                insert.setString(10, request.responseBody());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setUuidOrNull(PreparedStatement insert, int index, Optional<? extends Identifier> id)
            throws SQLException {
        if (id.isPresent()) {
            insert.setObject(index, id.get().value());
        } else {
            // OTHER: pgjdbc's type for uuid; a null of type varchar would be refused by the uuid column.
            insert.setNull(index, Types.OTHER);
        }
    }

    /**
     * Operations and StatusClasses alone have no index: without a ClientIds, IntegrationIds or
     * RequestIds filter they walk the log newest first, and a filter that matches little would read
     * all of it (10 s on PostgreSQL at the 1,000,000-row cap, cold). Such a page examines at most
     * {@code filterWindow} requests: a first statement finds the window's last request (a walk of the
     * seq index), the page is the walk down to it.
     */
    @Override
    public Optional<Page> find(RequestLogFilter filter, int count, Optional<UUID> cursor) {
        return jdbi.withHandle(handle -> {
            Optional<Long> after = Optional.empty();
            if (cursor.isPresent()) {
                after = handle.createQuery("SELECT seq FROM request_log WHERE request_id = :id")
                        .bind("id", cursor.get()).mapTo(Long.class).findOne();
                if (after.isEmpty()) {
                    return Optional.empty();
                }
            }
            Optional<WindowEnd> windowEnd = walksTheLog(filter) ? windowEnd(handle, after) : Optional.empty();
            List<String> conditions = new ArrayList<>();
            filter.clientIds().ifPresent(ids -> conditions.add("client_id IN (<clientIds>)"));
            filter.integrationIds().ifPresent(ids -> conditions.add("integration_id IN (<integrationIds>)"));
            filter.operations().ifPresent(names -> conditions.add("operation IN (<operations>)"));
            filter.statusClasses().ifPresent(classes -> conditions.add("status / 100 IN (<statusClasses>)"));
            filter.createdUtc().ifPresent(interval -> conditions.add("created_utc >= :start AND created_utc < :end"));
            filter.requestIds().ifPresent(ids -> conditions.add("request_id IN (<requestIds>)"));
            after.ifPresent(seq -> conditions.add("seq < :after"));
            windowEnd.ifPresent(end -> conditions.add("seq >= :windowEnd"));
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM request_log"
                    + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                    + " ORDER BY seq DESC LIMIT :count");
            filter.clientIds().ifPresent(ids -> query.bindList("clientIds", ids));
            filter.integrationIds().ifPresent(ids -> query.bindList("integrationIds", ids));
            filter.operations().ifPresent(names -> query.bindList("operations", names));
            filter.statusClasses().ifPresent(classes -> query.bindList("statusClasses", classes));
            filter.createdUtc().ifPresent(interval -> query.bind("start", utc(interval.startUtc()))
                    .bind("end", utc(interval.endUtc())));
            filter.requestIds().ifPresent(ids -> query.bindList("requestIds", ids));
            after.ifPresent(seq -> query.bind("after", seq));
            windowEnd.ifPresent(end -> query.bind("windowEnd", end.seq()));
            List<LoggedRequest> requests = query.bind("count", count).map((rs, ctx) -> logged(rs)).list();
            return Optional.of(new Page(requests, requests.size() < count
                    ? windowEnd.map(WindowEnd::requestId) : Optional.empty()));
        });
    }

    private static boolean walksTheLog(RequestLogFilter filter) {
        return filter.clientIds().isEmpty() && filter.integrationIds().isEmpty() && filter.requestIds().isEmpty()
                && (filter.operations().isPresent() || filter.statusClasses().isPresent());
    }

    /** The last request of the window below {@code after}; none when the log ends sooner. */
    private Optional<WindowEnd> windowEnd(Handle handle, Optional<Long> after) {
        Query query = handle.createQuery("SELECT seq, request_id FROM request_log"
                        + (after.isPresent() ? " WHERE seq < :after" : "") + " ORDER BY seq DESC LIMIT 1 OFFSET :skip")
                .bind("skip", filterWindow - 1);
        after.ifPresent(seq -> query.bind("after", seq));
        return query.map((rs, ctx) -> new WindowEnd(rs.getLong("seq"), rs.getObject("request_id", UUID.class)))
                .findOne();
    }

    private record WindowEnd(long seq, UUID requestId) {
    }

    /**
     * Bounded by the time of the request {@code atMost} places beyond the oldest, read from the time
     * index: a DELETE … WHERE seq IN (SELECT … LIMIT) ran its sub-select once per row on H2.
     */
    @Override
    public int deleteOlderThan(Instant cutoff, int atMost) {
        return jdbi.withHandle(handle -> {
            Optional<Instant> chunkEnd = handle.createQuery("SELECT created_utc FROM request_log"
                            + " WHERE created_utc < :cutoff ORDER BY created_utc LIMIT 1 OFFSET :atMost")
                    .bind("cutoff", utc(cutoff)).bind("atMost", atMost)
                    .map((rs, ctx) -> SqlTime.instant(rs, "created_utc")).findOne();
            int deleted = deleteBefore(handle, chunkEnd.orElse(cutoff));
            // More than a chunk logged in the same millisecond: that instant bounds nothing, the cutoff does.
            return deleted == 0 && chunkEnd.isPresent() ? deleteBefore(handle, cutoff) : deleted;
        });
    }

    private static int deleteBefore(Handle handle, Instant bound) {
        return handle.createUpdate("DELETE FROM request_log WHERE created_utc < :bound").bind("bound", utc(bound))
                .execute();
    }

    @Override
    public int deleteBeyondNewest(long keep, int atMost) {
        return jdbi.withHandle(handle -> deleteBeyondNewest(handle, "", keep, atMost));
    }

    @Override
    public int deleteUnauthenticatedBeyondNewest(long keep, int atMost) {
        return jdbi.withHandle(handle -> deleteBeyondNewest(handle, " WHERE client_id IS NULL", keep, atMost));
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM request_log"));
    }

    /**
     * Counted, not computed from seq values (deletions of the unauthenticated leave gaps): the newest
     * row to delete is {@code keep} places into an index walk from the newest, the chunk ends
     * {@code atMost} places from the oldest. Both walks read only the index (seq, or (client_id, seq)
     * where the NULLs are one range): about 1M entries once a minute at the default count.
     */
    private static int deleteBeyondNewest(Handle handle, String where, long keep, int atMost) {
        Optional<Long> newestDeleted = handle.createQuery("SELECT seq FROM request_log" + where
                        + " ORDER BY seq DESC LIMIT 1 OFFSET :keep")
                .bind("keep", keep).mapTo(Long.class).findOne();
        if (newestDeleted.isEmpty()) {
            return 0;
        }
        Optional<Long> chunkEnd = handle.createQuery("SELECT seq FROM request_log" + where
                        + " ORDER BY seq LIMIT 1 OFFSET :atMost")
                .bind("atMost", atMost).mapTo(Long.class).findOne();
        long bound = chunkEnd.map(end -> Math.min(end - 1, newestDeleted.get())).orElse(newestDeleted.get());
        return handle.createUpdate("DELETE FROM request_log" + (where.isEmpty() ? " WHERE" : where + " AND")
                        + " seq <= :bound")
                .bind("bound", bound).execute();
    }

    private static LoggedRequest logged(ResultSet rs) throws SQLException {
        return new LoggedRequest(rs.getObject("request_id", UUID.class), SqlTime.instant(rs, "created_utc"),
                rs.getString("operation"), rs.getInt("status"), rs.getLong("duration_micros"),
                Optional.ofNullable(rs.getObject("client_id", UUID.class)).map(ClientId::new),
                Optional.ofNullable(rs.getObject("integration_id", UUID.class)).map(IntegrationId::new),
                Optional.ofNullable(rs.getString("error_message")), rs.getString("request_body"),
                rs.getString("response_body"));
    }
}
