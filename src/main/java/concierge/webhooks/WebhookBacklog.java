package concierge.webhooks;

import java.time.Duration;

/**
 * What the outbox holds that is not delivered, for the metrics.
 *
 * @param oldestPendingAge how long the oldest pending event has waited; zero when none is pending
 */
public record WebhookBacklog(long pendingEvents, Duration oldestPendingAge, long deadBatches) {
}
