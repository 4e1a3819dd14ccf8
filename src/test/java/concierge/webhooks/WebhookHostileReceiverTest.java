package concierge.webhooks;

import static concierge.webhooks.WebhookDeliveryTest.PATIENCE;
import static concierge.webhooks.WebhookDeliveryTest.SHORT;
import static concierge.webhooks.WebhookDeliveryTest.TIMEOUT;
import static concierge.webhooks.WebhookDeliveryTest.addMessage;
import static concierge.webhooks.WebhookDeliveryTest.batches;
import static concierge.webhooks.WebhookDeliveryTest.integrationWithWebhook;
import static concierge.webhooks.WebhookDeliveryTest.thread;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.RawReceiver;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import concierge.testing.WebhookReceiver;
import concierge.testing.WebhookReceiver.Answer;
import concierge.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile webhook receiver can do (issue 10, findings 2, 4 and 7), against a real server with
 * short webhook clocks: an answer whose body never comes or never ends, a flood of stalled deliveries,
 * error texts with NUL in them, redirects to other origins.
 */
@Tag("slow")
class WebhookHostileReceiverTest extends OnBothEngines {

    /** More than the 512 deliveries that once filled the dispatcher's global limit and blocked it. */
    private static final int STALLED_BATCHES = 600;

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

    // ----- finding 2: one deadline per attempt, a fair share per client

    @Test
    void answerWhoseBodyNeverArrivesIsAFailedAttemptAtTheDeadline() {
        try (RawReceiver receiver = RawReceiver.start(RawReceiver.BODY_NEVER_SENT)) {
            Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

            addMessage(tenants, integration, thread(tenants, integration));

            JsonNode pending = awaitBatch("Pending", integration.client(),
                    batch -> batch.path("Attempts").asInt() >= 1, PATIENCE);
            assertThat(pending.path("LastError").asText()).contains("no complete answer within 2 s");
        }
    }

    @Test
    void connectionOfAnAnswerThatNeverEndsIsClosedAtTheDeadline() {
        try (RawReceiver receiver = RawReceiver.start(RawReceiver.BODY_NEVER_SENT)) {
            Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

            addMessage(tenants, integration, thread(tenants, integration));

            receiver.awaitRequests(1, PATIENCE);
            receiver.awaitClosedConnections(1, TIMEOUT.plus(PATIENCE));
        }
    }

    @Test
    void endlessAnswerBodyIsNotReadToItsEndAndTheStatusDecides() {
        try (RawReceiver receiver = RawReceiver.start(RawReceiver.endlessBody())) {
            Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

            addMessage(tenants, integration, thread(tenants, integration));

            JsonNode delivered = awaitBatch("Delivered", integration.client(), batch -> true, PATIENCE);
            assertThat(delivered.path("Attempts").asInt()).isEqualTo(1);
            receiver.awaitClosedConnections(1, PATIENCE);
        }
    }

    @Test
    void stalledReceiverDoesNotDelayAnotherClientsWebhook() {
        // A timeout far longer than the test waits: no stalled delivery ends while it runs, so only the
        // fair share can let the healthy client's webhook through.
        Map<String, String> longTimeout = TestConfig.both(SHORT, Map.of(
                "CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "300", "CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", "60"));
        try (App server = TestServers.start(engine, WebhookDeliveryTest.serverVariables(longTimeout));
             RawReceiver stalled = RawReceiver.start(RawReceiver.BODY_NEVER_SENT);
             WebhookReceiver healthy = WebhookReceiver.start()) {
            Tenants own = new Tenants(server);
            Integration healthyClient = integrationWithWebhook(own, healthy.url("/healthy"));
            String healthyThread = thread(own, healthyClient);
            addOneMessageToEachThread(own, portfolioWithThreads(own, stalled.url("/stalled"), STALLED_BATCHES));
            stalled.awaitRequests(WebhookDispatcher.MAX_DELIVERIES_PER_CLIENT, PATIENCE);

            String healthyMessage = addMessage(own, healthyClient, healthyThread);

            Received delivered = healthy.awaitRequests(1, PATIENCE).getFirst();
            assertThat(delivered.eventIds()).containsExactly(healthyMessage);
            assertThat(stalled.requests()).as("stalled deliveries: the client's share").isEqualTo(
                    WebhookDispatcher.MAX_DELIVERIES_PER_CLIENT);
            assertThat(stalled.closedConnections()).as("stalled deliveries that ended").isZero();
        }
    }

    // aClientNeverHasMoreDeliveriesInFlightThanItsShare: WebhookInFlightShareTest, which runs isolated

    // ----- finding 4: whatever the receiver answers is recorded, and the give-up clock holds

    enum NulAttack { REDIRECT_LOCATION, STATUS_LINE, URL_PATH }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NulAttack.class)
    void errorTextWithNulIsRecordedAndTheBatchEndsDead(NulAttack attack) {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             RawReceiver raw = RawReceiver.start(RawReceiver.text("HTTP/1.1 2\u000000 OK\r\nContent-Length: 0\r\n\r\n"))) {
            String url = switch (attack) {
                case REDIRECT_LOCATION -> {
                    receiver.answerAlways(request -> request.path().equals("/hook")
                            ? Answer.redirect(307, "/fail/%00x") : Answer.status(500));
                    yield receiver.url("/hook");
                }
                case STATUS_LINE -> raw.url("/hook");
                case URL_PATH -> {
                    receiver.answerAlways(Answer.status(500));
                    yield receiver.url("/hook%00x");
                }
            };
            Integration integration = integrationWithWebhook(tenants, url);

            addMessage(tenants, integration, thread(tenants, integration));

            JsonNode dead = awaitBatch("Dead", integration.client(), batch -> true, Duration.ofSeconds(20));
            assertThat(dead.path("Attempts").asInt()).as("attempts recorded").isGreaterThanOrEqualTo(2);
            assertThat(dead.path("LastError").asText()).isNotEmpty().doesNotContain("\u0000");
        }
    }

    // ----- finding 7: redirects stay within the registered URL's origin

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"another port", "another host name"})
    void redirectToAnotherOriginIsRefusedAsAFailedAttempt(String elsewhere) {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             WebhookReceiver other = WebhookReceiver.start()) {
            String location = elsewhere.equals("another port")
                    ? other.url("/steal")
                    : "http://localhost:" + receiver.port() + "/steal";
            receiver.answerAlways(Answer.redirect(307, location));
            Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

            addMessage(tenants, integration, thread(tenants, integration));

            JsonNode pending = awaitBatch("Pending", integration.client(),
                    batch -> batch.path("Attempts").asInt() >= 1, PATIENCE);
            assertThat(pending.path("LastError").asText()).contains("redirect to another origin refused");
            assertThat(other.requests()).isEmpty();
            assertThat(receiver.requests()).extracting(Received::path).containsOnly("/hook");
        }
    }

    // ----- helpers

    /** A client whose one integration spans {@code count} new enterprises, with a thread in each. */
    static List<PortfolioThread> portfolioWithThreads(Tenants tenants, String webhookUrl, int count) {
        List<Map<String, String>> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Map.of("Name", "Hotel " + UUID.randomUUID()));
        }
        ApiResponse added = tenants.api().admin(Admin.ENTERPRISES_ADD, Map.of("Enterprises", names));
        assertThat(added).isOk();
        List<UUID> enterprises = new ArrayList<>();
        added.json().path("Enterprises").forEach(enterprise -> enterprises.add(UUID.fromString(enterprise.path("Id").asText())));
        Integration integration = tenants.integration(tenants.clientWithWebhook(webhookUrl), enterprises.toArray(UUID[]::new));
        Instant now = Instant.now();
        return enterprises.stream().map(enterprise -> new PortfolioThread(integration,
                tenants.seedThread(integration, enterprise, now, now).id().toString())).toList();
    }

    record PortfolioThread(Integration integration, String threadId) {
    }

    /** One messages/add with a message in each thread: one event per enterprise, so one batch each. */
    static void addOneMessageToEachThread(Tenants tenants, List<PortfolioThread> threads) {
        List<Map<String, Object>> messages = threads.stream()
                .<Map<String, Object>>map(thread -> Map.of("MessageThreadId", thread.threadId(), "Text", "Stalled"))
                .toList();
        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD,
                threads.getFirst().integration().body("Messages", messages));
        assertThat(response).isOk();
    }

    /** Waits until the client has a batch in the status that satisfies {@code condition}. */
    private JsonNode awaitBatch(String status, Client client, Predicate<JsonNode> condition, Duration patience) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        while (true) {
            List<JsonNode> batches = batches(tenants, status, client);
            for (JsonNode batch : batches) {
                if (condition.test(batch)) {
                    return batch;
                }
            }
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("no such " + status + " batch for client " + client.id() + " within " + patience
                        + "; pending: " + batches(tenants, "Pending", client));
            }
            WebhookDeliveryTest.sleep(Duration.ofMillis(50));
        }
    }
}
