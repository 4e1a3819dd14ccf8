package concierge.events;

import concierge.ids.EnterpriseId;
import java.time.Instant;
import java.util.List;

/** The stored staff events, shared by every instance on the database. */
public interface StaffEventStore {

    /** A new event, before the store gives it its id. */
    record NewEvent(EnterpriseId enterpriseId, String type, String data) {
    }

    /** Stores the events in order; called in the transaction of the change they tell of. */
    void append(List<NewEvent> events, Instant now);

    /** The highest id stored, or 0. */
    long latestId();

    /** Up to {@code count} events of every enterprise with an id above {@code id}, lowest id first. */
    List<StaffEvent> after(long id, int count);

    /** Up to {@code count} events of one enterprise with an id above {@code id}, lowest id first. */
    List<StaffEvent> after(EnterpriseId enterpriseId, long id, int count);

    /** Whether the event {@code id} is stored and is the enterprise's. */
    boolean holds(EnterpriseId enterpriseId, long id);

    /** Deletes the events written before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
