package concierge.requestlog;

import static concierge.store.SqlTime.utc;

import concierge.ids.ClientId;
import concierge.ids.Identifier;
import concierge.ids.IntegrationId;
import concierge.store.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The request log in SQL: inserts in batches, pages newest first by {@code seq}, deletes in chunks. */
public final class JdbiRequestLogStore implements RequestLogStore {

    private static final String COLUMNS = "request_id, created_utc, operation, status, duration_micros, client_id,"
            + " integration_id, error_message, request_body, response_body";

    private final Jdbi jdbi;

    public JdbiRequestLogStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(List<LoggedRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            // The casts: pgjdbc sends an absent Id as a null of type varchar, which a uuid column refuses.
            PreparedBatch batch = handle.prepareBatch("INSERT INTO request_log (" + COLUMNS + ") VALUES (:requestId,"
                    + " :createdUtc, :operation, :status, :durationMicros, CAST(:clientId AS UUID),"
                    + " CAST(:integrationId AS UUID), :errorMessage,"
                    + " :requestBody, :responseBody)");
            for (LoggedRequest request : requests) {
                batch.bind("requestId", request.requestId())
                        .bind("createdUtc", utc(request.createdUtc()))
                        .bind("operation", request.operation())
                        .bind("status", request.status())
                        .bind("durationMicros", request.durationMicros())
                        .bindByType("clientId", request.clientId().map(Identifier::value).orElse(null), UUID.class)
                        .bindByType("integrationId", request.integrationId().map(Identifier::value).orElse(null),
                                UUID.class)
                        .bindByType("errorMessage", request.errorMessage().orElse(null), String.class)
                        .bind("requestBody", request.requestBody())
                        .bind("responseBody", request.responseBody())
                        .add();
            }
            batch.execute();
        });
    }

    @Override
    public Optional<List<LoggedRequest>> find(RequestLogFilter filter, int count, Optional<UUID> cursor) {
        return jdbi.withHandle(handle -> {
            Optional<Long> after = Optional.empty();
            if (cursor.isPresent()) {
                after = handle.createQuery("SELECT seq FROM request_log WHERE request_id = :id")
                        .bind("id", cursor.get()).mapTo(Long.class).findOne();
                if (after.isEmpty()) {
                    return Optional.empty();
                }
            }
            List<String> conditions = new ArrayList<>();
            filter.clientIds().ifPresent(ids -> conditions.add("client_id IN (<clientIds>)"));
            filter.integrationIds().ifPresent(ids -> conditions.add("integration_id IN (<integrationIds>)"));
            filter.operations().ifPresent(names -> conditions.add("operation IN (<operations>)"));
            filter.statusClasses().ifPresent(classes -> conditions.add("status / 100 IN (<statusClasses>)"));
            filter.createdUtc().ifPresent(interval -> conditions.add("created_utc >= :start AND created_utc < :end"));
            filter.requestIds().ifPresent(ids -> conditions.add("request_id IN (<requestIds>)"));
            after.ifPresent(seq -> conditions.add("seq < :after"));
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
            return Optional.of(query.bind("count", count).map((rs, ctx) -> logged(rs)).list());
        });
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

    /**
     * Seq values are never reused, so everything at or below the newest seq less {@code keep} is beyond
     * the newest {@code keep} rows: at most {@code keep} remain (fewer where a rolled-back insert left a gap).
     */
    @Override
    public int deleteBeyondNewest(long keep, int atMost) {
        return jdbi.withHandle(handle -> {
            long upTo = handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM request_log")
                    .mapTo(Long.class).one() - keep;
            if (upTo <= 0) {
                return 0;
            }
            Optional<Long> chunkEnd = handle.createQuery("SELECT seq FROM request_log ORDER BY seq LIMIT 1 OFFSET :atMost")
                    .bind("atMost", atMost).mapTo(Long.class).findOne();
            long bound = chunkEnd.map(end -> Math.min(end - 1, upTo)).orElse(upTo);
            return handle.createUpdate("DELETE FROM request_log WHERE seq <= :bound").bind("bound", bound).execute();
        });
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
