package concierge.webhooks;

import concierge.errors.InvalidRequestException;
import concierge.messaging.Limitation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The operator's view of deliveries: list batches by status, replay dead ones. */
public final class WebhookAdministration {

    public static final Set<String> STATUSES = Set.of("Pending", "Delivered", "Dead");

    private final WebhookOutbox outbox;
    private final Clock clock;

    public WebhookAdministration(WebhookOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public List<WebhookOutbox.BatchSummary> list(String status, int count) {
        if (!STATUSES.contains(status)) {
            throw InvalidRequestException.field("Status", "must be one of Pending, Delivered, Dead.");
        }
        new Limitation(count, Optional.empty()).check();
        return outbox.list(status, count);
    }

    /** Dead batches get a fresh retry budget and are delivered again soon; returns how many events. */
    public int replay(List<UUID> batchIds) {
        return outbox.replay(batchIds, clock.instant());
    }
}
