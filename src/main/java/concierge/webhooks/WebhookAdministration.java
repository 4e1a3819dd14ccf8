package concierge.webhooks;

import concierge.errors.InvalidRequestException;
import concierge.messaging.Limitation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The operator's view of deliveries: list batches by status, replay dead ones. */
public final class WebhookAdministration {

    private final WebhookOutbox outbox;
    private final Clock clock;

    public WebhookAdministration(WebhookOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code status} as the admin sent it: one of the DeliveryStatus texts. */
    public List<WebhookOutbox.BatchSummary> list(String status, int count) {
        DeliveryStatus known = DeliveryStatus.of(status).orElseThrow(() -> InvalidRequestException.field("Status",
                "must be one of " + Stream.of(DeliveryStatus.values()).map(DeliveryStatus::text)
                        .collect(Collectors.joining(", ")) + "."));
        new Limitation(count, Optional.empty()).check();
        return outbox.list(known, count);
    }

    /** Dead batches get a fresh retry budget and are delivered again soon; returns how many events. */
    public int replay(List<UUID> batchIds) {
        return outbox.replay(batchIds, clock.instant());
    }
}
