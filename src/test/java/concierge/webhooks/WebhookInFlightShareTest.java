package concierge.webhooks;

import static concierge.webhooks.WebhookDeliveryTest.PATIENCE;
import static concierge.webhooks.WebhookDeliveryTest.SHORT;
import static concierge.webhooks.WebhookDeliveryTest.TIMEOUT;
import static concierge.webhooks.WebhookHostileReceiverTest.addOneMessageToEachThread;
import static concierge.webhooks.WebhookHostileReceiverTest.portfolioWithThreads;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.OnBothEngines;
import concierge.testing.RawReceiver;
import concierge.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 10, finding 2, the fair share of a hostile receiver's client (with the other findings in
 * {@link WebhookHostileReceiverTest}): however many of its batches are due, a client whose receiver
 * stalls every answer never has more deliveries in flight than its share.
 */
@Isolated("counts the sender's open connections at the receiver, which sees a connection closed only when"
        + " its thread next gets a core: on a busy machine the next wave's connections arrive first")
class WebhookInFlightShareTest extends OnBothEngines {

    static App app;

    @BeforeParameterizedClassInvocation
    static void startServerWithShortWebhookClocks(Engine engine) {
        app = TestServers.start(engine, WebhookDeliveryTest.serverVariables(SHORT));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void aClientNeverHasMoreDeliveriesInFlightThanItsShare() {
        int cap = WebhookDispatcher.MAX_DELIVERIES_PER_CLIENT;
        try (RawReceiver stalled = RawReceiver.start(RawReceiver.BODY_NEVER_SENT)) {
            addOneMessageToEachThread(tenants, portfolioWithThreads(tenants, stalled.url("/stalled"), 3 * cap));

            // The second wave starts only when the first reaches its deadline and frees its slots.
            stalled.awaitRequests(2 * cap, TIMEOUT.plus(PATIENCE));

            assertThat(stalled.maxOpenConnections()).isEqualTo(cap);
        }
    }
}
