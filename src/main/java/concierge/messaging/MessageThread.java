package concierge.messaging;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageThreadId;
import java.time.Instant;

/** A conversation an application opened on a guest's behalf, owned by (clientId, enterpriseId). */
public record MessageThread(
        MessageThreadId id,
        ClientId clientId,
        EnterpriseId enterpriseId,
        IntegrationId integrationId,
        String originalSender,
        String subject,
        Instant createdUtc,
        Instant updatedUtc,
        boolean isResolved) {
}
