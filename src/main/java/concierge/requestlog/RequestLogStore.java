package concierge.requestlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the request log is kept: one table, written in batches, read newest first. */
public interface RequestLogStore {

    void add(List<LoggedRequest> requests);

    /**
     * At most {@code count} requests the filter admits, newest first, after {@code cursor} (the
     * RequestId of the last request examined before); empty when the cursor is not logged.
     */
    Optional<Page> find(RequestLogFilter filter, int count, Optional<UUID> cursor);

    /**
     * @param windowEnd the last request examined, when a filter that no index serves (Operations,
     *                  StatusClasses) ran out of its window before the page was full: the page may be
     *                  short, even empty, and the listing goes on after it
     */
    record Page(List<LoggedRequest> requests, Optional<UUID> windowEnd) {
    }

    /** Deletes up to {@code atMost} of the requests logged before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int atMost);

    /** Deletes up to {@code atMost} of the oldest requests beyond the newest {@code keep}; returns how many. */
    int deleteBeyondNewest(long keep, int atMost);

    /** The same among the requests that named no known client (no ClientId). */
    int deleteUnauthenticatedBeyondNewest(long keep, int atMost);

    /** Every logged request (the admin reset). */
    void deleteAll();
}
