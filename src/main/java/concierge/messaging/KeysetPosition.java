package concierge.messaging;

import java.time.Instant;

/** Where an item stands in newest-first order: by creation time, then by insertion order. */
public record KeysetPosition(Instant createdUtc, long seq) {
}
