package concierge.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A text in a thread; {@code clientId} and {@code enterpriseId} are the thread's owner. */
public record Message(
        UUID id,
        UUID threadId,
        UUID clientId,
        UUID enterpriseId,
        Sender sender,
        String text,
        Optional<String> identifier,
        Instant createdUtc) {
}
