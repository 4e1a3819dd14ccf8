package concierge.messaging;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import java.time.Instant;
import java.util.Optional;

/** A text in a thread; {@code clientId} and {@code enterpriseId} are the thread's owner. */
public record Message(
        MessageId id,
        MessageThreadId threadId,
        ClientId clientId,
        EnterpriseId enterpriseId,
        Sender sender,
        String text,
        Optional<String> identifier,
        Instant createdUtc) {
}
