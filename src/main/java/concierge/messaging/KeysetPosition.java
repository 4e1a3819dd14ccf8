package concierge.messaging;

import java.time.Instant;
import java.util.Comparator;

/** Where an item stands in newest-first order: by creation time, then by insertion order. */
public record KeysetPosition(Instant createdUtc, long seq) implements Comparable<KeysetPosition> {

    private static final Comparator<KeysetPosition> OLDER_FIRST =
            Comparator.comparing(KeysetPosition::createdUtc).thenComparingLong(KeysetPosition::seq);

    /** Older before newer (newest first is the reverse); seq is unique, so no two positions are equal. */
    @Override
    public int compareTo(KeysetPosition other) {
        return OLDER_FIRST.compare(this, other);
    }
}
