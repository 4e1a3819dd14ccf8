package concierge.events;

import static concierge.store.SqlTime.utc;

import concierge.ids.EnterpriseId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The staff events in SQL: one table, read by its primary key (new events) or by enterprise (a resume). */
public final class JdbiStaffEventStore implements StaffEventStore {

    private static final String COLUMNS = "id, enterprise_id, type, data";

    private final Jdbi jdbi;

    public JdbiStaffEventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(List<NewEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO staff_event (enterprise_id, type, data, created_utc) VALUES (:enterprise, :type, :data, :now)");
            for (NewEvent event : events) {
                batch.bind("enterprise", event.enterpriseId()).bind("type", event.type()).bind("data", event.data())
                        .bind("now", utc(now)).add();
            }
            batch.execute();
        });
    }

    @Override
    public long latestId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM staff_event")
                .mapTo(Long.class).one());
    }

    @Override
    public List<StaffEvent> after(long id, int count) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM staff_event WHERE id > :id ORDER BY id LIMIT :count")
                .bind("id", id).bind("count", count)
                .map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public List<StaffEvent> after(EnterpriseId enterpriseId, long id, int count) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM staff_event"
                        + " WHERE enterprise_id = :enterprise AND id > :id ORDER BY id LIMIT :count")
                .bind("enterprise", enterpriseId).bind("id", id).bind("count", count)
                .map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public boolean holds(EnterpriseId enterpriseId, long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM staff_event WHERE enterprise_id = :enterprise AND id = :id")
                .bind("enterprise", enterpriseId).bind("id", id)
                .mapTo(Integer.class).one() > 0);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM staff_event WHERE created_utc < :cutoff")
                .bind("cutoff", utc(cutoff)).execute());
    }

    private static StaffEvent event(ResultSet rs) throws SQLException {
        return new StaffEvent(rs.getLong("id"), new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                rs.getString("type"), rs.getString("data"));
    }
}
