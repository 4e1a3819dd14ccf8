package concierge.messaging;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where an item stands in newest-first order: by a time, then by insertion order. The time is the
 * creation time, or for threads listed by last activity ({@link ThreadOrder#UPDATED_UTC}) UpdatedUtc.
 */
public record KeysetPosition(Instant utc, long seq) implements Comparable<KeysetPosition> {

    private static final Comparator<KeysetPosition> OLDER_FIRST =
            Comparator.comparing(KeysetPosition::utc).thenComparingLong(KeysetPosition::seq);

    /** Older before newer (newest first is the reverse); seq is unique, so no two positions are equal. */
    @Override
    public int compareTo(KeysetPosition other) {
        return OLDER_FIRST.compare(this, other);
    }
}
