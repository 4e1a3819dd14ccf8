package concierge.webhooks;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * MessageAdded events pending together for one client, enterprise and integration: one request
 * to the client's webhook URL.
 *
 * @param oldestEventUtc when the oldest event was written; retries stop some time after it
 * @param attempts       delivery attempts already made (the most of any event in the batch)
 */
public record WebhookBatch(
        UUID id,
        ClientId clientId,
        EnterpriseId enterpriseId,
        IntegrationId integrationId,
        Optional<String> url,
        List<MessageId> messageIds,
        int attempts,
        Instant oldestEventUtc) {

    public WebhookBatch {
        messageIds = List.copyOf(messageIds);
    }
}
