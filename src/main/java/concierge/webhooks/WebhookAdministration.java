package concierge.webhooks;

import concierge.errors.InvalidRequestException;
import concierge.ids.ClientId;
import concierge.ids.MessageId;
import concierge.messaging.Limitation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** The operator's view of deliveries: list batches, their attempts and payload; replay; send a test. */
public final class WebhookAdministration {

    /** Attempts one webhooks/getAttempts answers: the newest. With the default clocks a batch has at most ~150. */
    public static final int MAX_ATTEMPTS_LISTED = 1000;

    private final WebhookOutbox outbox;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    /** {@code wakeDispatcher} makes the dispatcher look for due events now rather than at its next poll. */
    public WebhookAdministration(WebhookOutbox outbox, Clock clock, Runnable wakeDispatcher) {
        this.outbox = outbox;
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    /** Batches with events in one of {@code statuses}, newest first; the Cursor is a batch Id. */
    public List<WebhookOutbox.BatchSummary> list(Set<DeliveryStatus> statuses, Optional<List<ClientId>> clientIds,
                                                 Limitation limitation) {
        limitation.check();
        OptionalLong after = OptionalLong.empty();
        if (limitation.cursor().isPresent()) {
            after = outbox.position(limitation.cursor().get());
            if (after.isEmpty()) {
                throw Limitation.invalidCursor();
            }
        }
        return outbox.list(new WebhookOutbox.BatchFilter(statuses, clientIds), after, limitation.count());
    }

    public WebhookOutbox.BatchHistory history(UUID batchId) {
        return outbox.history(batchId, MAX_ATTEMPTS_LISTED)
                .orElseThrow(() -> InvalidRequestException.field("BatchId", "no webhook batch has this Id."));
    }

    /** Dead and delivered batches get a fresh retry budget and are delivered again now; returns how many events. */
    public int replay(List<UUID> batchIds) {
        int events = outbox.replay(batchIds, clock.instant());
        wakeDispatcher.run();
        return events;
    }

    /**
     * Sends the message's MessageAdded event to its client's WebhookUrl again, through the outbox, in a
     * batch of its own; returns how many events were queued (0: it is pending already).
     */
    public int sendTest(ClientId clientId, MessageId messageId) {
        int queued = switch (outbox.sendAgain(clientId, messageId, clock.instant())) {
            case QUEUED -> 1;
            case ALREADY_PENDING -> 0;
            case UNKNOWN_MESSAGE -> throw InvalidRequestException.field("MessageId", "the client has no message with this Id.");
            case NO_WEBHOOK_URL -> throw InvalidRequestException.field("ClientId", "the client has no WebhookUrl.");
        };
        wakeDispatcher.run();
        return queued;
    }
}
