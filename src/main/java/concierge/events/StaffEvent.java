package concierge.events;

import concierge.ids.EnterpriseId;

/**
 * One event of the staff event stream: its id (increasing in the order events were written, not
 * always in the order they committed), whose it is, its type ("message" or "thread") and its data,
 * the JSON text the stream sends.
 */
public record StaffEvent(long id, EnterpriseId enterpriseId, String type, String data) {

    public static final String MESSAGE = "message";
    public static final String THREAD = "thread";

    /** What it holds in memory, about: its data, in UTF-16. */
    long bytes() {
        return 64 + 2L * data.length();
    }
}
