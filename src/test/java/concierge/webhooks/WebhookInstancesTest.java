package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.Config;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import concierge.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 §4: several Concierge instances on one PostgreSQL share the outbox; leases taken with
 * {@code FOR UPDATE SKIP LOCKED} keep two instances from delivering the same event.
 */
class WebhookInstancesTest {

    private static final int SENDERS = 4;
    private static final int MESSAGES_PER_SENDER = 60;
    private static final int INTEGRATIONS = 6;

    @Test
    void twoInstancesOnOneDatabaseDeliverEveryEventExactlyOnce() throws Exception {
        TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);
        Config config = TestConfig.on(database, WebhookDeliveryTest.serverVariables(TestConfig.both(
                WebhookDeliveryTest.SHORT,
                Map.of("CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "300", "CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", "5"))));
        try (App first = App.start(config);
             App second = App.start(config);
             WebhookReceiver receiver = WebhookReceiver.start();
             ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            Tenants tenants = new Tenants(first);
            List<ApiClient> instances = List.of(new ApiClient(first.port()), new ApiClient(second.port()));
            List<Integration> integrations = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < INTEGRATIONS; i++) {
                Integration integration = WebhookDeliveryTest.integrationWithWebhook(tenants, receiver.url("/hook?n=" + i));
                integrations.add(integration);
                threads.add(WebhookDeliveryTest.thread(tenants, integration));
            }

            List<Future<List<String>>> sent = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                sent.add(senders.submit(() -> {
                    List<String> messageIds = new ArrayList<>();
                    for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                        int target = (sender + m) % INTEGRATIONS;
                        ApiClient instance = instances.get((sender + m) % 2);
                        ApiResponse response = instance.post(Connector.MESSAGES_ADD,
                                integrations.get(target).body("Messages",
                                        List.of(Map.of("MessageThreadId", threads.get(target), "Text", "m" + m))));
                        assertThat(response).isOk();
                        messageIds.add(response.json().path("Messages").get(0).path("Message").path("Id").asText());
                    }
                    return messageIds;
                }));
            }
            List<String> messageIds = new ArrayList<>();
            for (Future<List<String>> future : sent) {
                messageIds.addAll(future.get());
            }
            assertThat(messageIds).hasSize(SENDERS * MESSAGES_PER_SENDER).doesNotHaveDuplicates();

            receiver.awaitUntil(requests -> receiver.eventIdCounts().keySet().containsAll(messageIds),
                    Duration.ofSeconds(30), "every one of the " + messageIds.size() + " events");
            awaitAllDelivered(first, messageIds.size());
            // A duplicate would be a second lease of the same events: give both instances a few more polls.
            Thread.sleep(500);

            Map<String, Integer> counts = receiver.eventIdCounts();
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(messageIds);
            Map<String, Integer> duplicates = new HashMap<>(counts);
            duplicates.values().removeIf(deliveries -> deliveries == 1);
            assertThat(duplicates).as("events delivered more than once (id = deliveries)").isEmpty();
        }
    }

    private static void awaitAllDelivered(App app, int expected) throws InterruptedException {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            int delivered = app.database().jdbi().withHandle(handle -> handle
                    .createQuery("SELECT COUNT(*) FROM webhook_event WHERE status = 'Delivered'")
                    .mapTo(Integer.class).one());
            if (delivered == expected) {
                return;
            }
            assertThat(System.nanoTime()).as("all %d events recorded as delivered; %d are", expected, delivered)
                    .isLessThan(giveUpAt);
            Thread.sleep(50);
        }
    }
}
