package concierge.messaging;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageThreadId;
import java.time.Instant;
import java.util.Optional;

/**
 * A conversation an application opened on a guest's behalf, owned by (clientId, enterpriseId).
 * {@code lastMessageUtc}: the CreatedUtc of its newest message, empty while it has none.
 */
public record MessageThread(
        MessageThreadId id,
        ClientId clientId,
        EnterpriseId enterpriseId,
        IntegrationId integrationId,
        String originalSender,
        String subject,
        Instant createdUtc,
        Instant updatedUtc,
        boolean isResolved,
        Optional<Instant> lastMessageUtc) {

    /** A new thread: no message yet. */
    public MessageThread(MessageThreadId id, ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                         String originalSender, String subject, Instant createdUtc, Instant updatedUtc,
                         boolean isResolved) {
        this(id, clientId, enterpriseId, integrationId, originalSender, subject, createdUtc, updatedUtc, isResolved,
                Optional.empty());
    }
}
