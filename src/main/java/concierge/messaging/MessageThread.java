package concierge.messaging;

import java.time.Instant;
import java.util.UUID;

/** A conversation an application opened on a guest's behalf, owned by (clientId, enterpriseId). */
public record MessageThread(
        UUID id,
        UUID clientId,
        UUID enterpriseId,
        UUID integrationId,
        String originalSender,
        String subject,
        Instant createdUtc,
        Instant updatedUtc,
        boolean isResolved) {
}
