package concierge.events;

import static concierge.store.SqlTime.utc;

import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The staff events in SQL: one table, read by its primary key (new events) or by enterprise (a resume). */
public final class JdbiStaffEventStore implements StaffEventStore {

    private static final String COLUMNS = "id, enterprise_id, type, message_id, data";

    private final Jdbi jdbi;

    public JdbiStaffEventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** In order, a message event naming its message, a thread event holding its data: no null is bound. */
    @Override
    public void append(List<NewEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch messages = handle.prepareBatch("INSERT INTO staff_event (enterprise_id, type, message_id,"
                    + " created_utc) VALUES (:enterprise, :type, :message, :now)");
            PreparedBatch others = handle.prepareBatch("INSERT INTO staff_event (enterprise_id, type, data,"
                    + " created_utc) VALUES (:enterprise, :type, :data, :now)");
            for (NewEvent event : events) {
                if (event.messageId().isPresent()) {
                    messages.bind("message", event.messageId().get());
                    add(messages, event, now);
                } else {
                    others.bind("data", event.data().orElseThrow());
                    add(others, event, now);
                }
            }
            // Messages first, as ThreadChanges lists them: a thread event follows the messages that moved it.
            if (messages.size() > 0) {
                messages.execute();
            }
            if (others.size() > 0) {
                others.execute();
            }
        });
    }

    private static void add(PreparedBatch batch, NewEvent event, Instant now) {
        batch.bind("enterprise", event.enterpriseId()).bind("type", event.type()).bind("now", utc(now)).add();
    }

    @Override
    public long latestId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM staff_event")
                .mapTo(Long.class).one());
    }

    @Override
    public List<StoredEvent> after(long id, int count) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM staff_event WHERE id > :id ORDER BY id LIMIT :count")
                .bind("id", id).bind("count", count)
                .map((rs, ctx) -> event(rs)).list());
    }

    @Override
    public List<StoredEvent> after(EnterpriseId enterpriseId, long id, int count) {
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

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("id"), new EnterpriseId(rs.getObject("enterprise_id", UUID.class)),
                rs.getString("type"), Optional.ofNullable(rs.getObject("message_id", UUID.class)).map(MessageId::new),
                Optional.ofNullable(rs.getString("data")));
    }

    @Override
    public void deleteAll() {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM staff_event"));
    }
}
