package concierge.events;

import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored staff events, shared by every instance on the database. */
public interface StaffEventStore {

    /**
     * A new event, before the store gives it its id: a message event names its message, a thread event
     * holds its data.
     */
    record NewEvent(EnterpriseId enterpriseId, String type, Optional<MessageId> messageId, Optional<String> data) {
    }

    /** A stored event: a message event's data is rendered from its message when it is read. */
    record StoredEvent(long id, EnterpriseId enterpriseId, String type, Optional<MessageId> messageId,
                       Optional<String> data) {
    }

    /** Stores the events in order; called in the transaction of the change they tell of. */
    void append(List<NewEvent> events, Instant now);

    /** The highest id stored, or 0. */
    long latestId();

    /** Up to {@code count} events of every enterprise with an id above {@code id}, lowest id first. */
    List<StoredEvent> after(long id, int count);

    /** Up to {@code count} events of one enterprise with an id above {@code id}, lowest id first. */
    List<StoredEvent> after(EnterpriseId enterpriseId, long id, int count);

    /** Whether the event {@code id} is stored and is the enterprise's. */
    boolean holds(EnterpriseId enterpriseId, long id);

    /** Deletes the events written before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);

    /** Deletes every event (the demo reset). */
    void deleteAll();
}
