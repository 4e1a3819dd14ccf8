package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concierge.App;
import concierge.Config;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import concierge.testing.WebhookReceiver;
import concierge.testing.WebhookReceiver.Answer;
import concierge.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MessageAdded General Webhooks (spec README D19, connector-api-notes §10.1, issue 5): what fires,
 * the payload, batching, who receives what, and the delivery rules (timeouts, redirects, retries,
 * dead batches and replay), against a real HTTP receiver on loopback.
 */
@Tag("slow")
class WebhookDeliveryTest extends OnBothEngines {

    /** The spec's rules with short clocks: retry after ~1 s, then ~2 s; dead 5 s after the event. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Map<String, String> SHORT = Map.of(
            "CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "1",
            "CONCIERGE_WEBHOOK_MAX_RETRY_SECONDS", "2",
            "CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "5",
            "CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", Long.toString(TIMEOUT.toSeconds()),
            "CONCIERGE_WEBHOOK_POLL_MILLIS", "100");
    /** How long a test waits for something that normally takes milliseconds or one retry. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    static App app;

    WebhookReceiver receiver;

    @BeforeParameterizedClassInvocation
    static void startServerWithShortWebhookClocks(Engine engine) {
        app = TestServers.start(engine, serverVariables(SHORT));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    /** These webhook variables, and no budget in the way of the many messages a test adds with one token. */
    static Map<String, String> serverVariables(Map<String, String> webhooks) {
        return TestConfig.both(TestConfig.UNLIMITED, webhooks);
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    // ----- what fires, and the payload

    @Test
    void applicationMessageSendsMessageAddedWithExactlyTheGeneralWebhookPayload() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String threadId = thread(integration);

        String messageId = addMessage(integration, threadId);

        Received request = receiver.awaitRequests(1, PATIENCE).getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body()).isEqualTo(payload(integration.enterpriseId(), integration.id(), messageId));
    }

    @Test
    void deliveriesArePlainHttp11WithoutAnUpgradeOffer() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

        addMessage(integration, thread(integration));

        Received request = receiver.awaitRequests(1, PATIENCE).getFirst();
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.upgrade()).as("Upgrade header").isNull();
    }

    @Test
    void staffReplySendsMessageAddedToTheClientThatOwnsTheThread() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String threadId = thread(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());

        ApiResponse reply = tenants.staff(staffToken, Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Right away."))));

        assertThat(reply).isOk();
        String messageId = reply.json().path("Messages").get(0).path("Message").path("Id").asText();
        Received request = receiver.awaitRequests(1, PATIENCE).getFirst();
        assertThat(request.body()).isEqualTo(payload(integration.enterpriseId(), integration.id(), messageId));
    }

    @Test
    void integrationIdIsTheOneTheThreadWasCreatedThrough() {
        Client client = tenants.clientWithWebhook(receiver.url("/hook"));
        UUID enterprise = tenants.enterprise();
        Integration creator = tenants.integration(client, enterprise);
        Integration other = tenants.integration(client, enterprise);
        String threadId = thread(creator);

        String messageId = addMessage(other, threadId);

        Received request = receiver.awaitRequests(1, PATIENCE).getFirst();
        assertThat(request.body()).isEqualTo(payload(enterprise, creator.id(), messageId));
    }

    @Test
    void secretInTheWebhookUrlQueryIsKept() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hooks/mews?token=s3cr%2Bt&v=2"));

        addMessage(integration, thread(integration));

        assertThat(receiver.awaitRequests(1, PATIENCE).getFirst().pathAndQuery())
                .isEqualTo("/hooks/mews?token=s3cr%2Bt&v=2");
    }

    @Test
    void messagesAddedTogetherForOneEnterpriseAndIntegrationArriveInOneRequest() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String first = thread(integration);
        String second = thread(integration);

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", List.of(
                Map.of("MessageThreadId", first, "Text", "One"),
                Map.of("MessageThreadId", second, "Text", "Two"),
                Map.of("MessageThreadId", first, "Text", "Three"))));
        assertThat(response).isOk();
        List<String> messageIds = new ArrayList<>();
        response.json().path("Messages").forEach(item -> messageIds.add(item.path("Message").path("Id").asText()));

        awaitDelivered(integration.client());
        assertThat(receiver.requests()).hasSize(1);
        assertThat(receiver.requests().getFirst().eventIds()).containsExactlyInAnyOrderElementsOf(messageIds);
    }

    @Test
    void messagesOfDifferentEnterprisesArriveInOneRequestPerEnterprise() {
        UUID london = tenants.enterprise();
        UUID paris = tenants.enterprise();
        Integration portfolio = tenants.integration(tenants.clientWithWebhook(receiver.url("/hook")), london, paris);
        String londonThread = tenants.addThread(portfolio, "EnterpriseId", london.toString()).path("Id").asText();
        String parisThread = tenants.addThread(portfolio, "EnterpriseId", paris.toString()).path("Id").asText();

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, portfolio.body("Messages", List.of(
                Map.of("MessageThreadId", londonThread, "Text", "London"),
                Map.of("MessageThreadId", parisThread, "Text", "Paris"))));
        assertThat(response).isOk();
        String londonMessage = response.json().path("Messages").get(0).path("Message").path("Id").asText();
        String parisMessage = response.json().path("Messages").get(1).path("Message").path("Id").asText();

        awaitDelivered(portfolio.client(), londonMessage, parisMessage);
        assertThat(receiver.requests()).extracting(Received::body).containsExactlyInAnyOrder(
                payload(london, portfolio.id(), londonMessage),
                payload(paris, portfolio.id(), parisMessage));
    }

    // ----- who receives what

    @Test
    void clientWithoutWebhookUrlGetsNoEventAndNothingStaysPending() {
        Integration integration = tenants.singleEnterpriseIntegration();

        addMessage(integration, thread(integration));

        int outboxRows = app.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM webhook_event WHERE client_id = :clientId")
                .bind("clientId", integration.client().id())
                .mapTo(Integer.class).one());
        assertThat(outboxRows).isZero();
        assertThat(batches("Pending", integration.client())).isEmpty();
    }

    @Test
    void anotherClientsWebhookNeverReceivesForeignEvents() {
        try (WebhookReceiver otherReceiver = WebhookReceiver.start()) {
            UUID enterprise = tenants.enterprise();
            Integration mine = tenants.integration(tenants.clientWithWebhook(receiver.url("/mine")), enterprise);
            Integration theirs = tenants.integration(tenants.clientWithWebhook(otherReceiver.url("/theirs")), enterprise);
            String myThread = thread(mine);
            String theirThread = thread(theirs);
            String staffToken = tenants.staffToken(enterprise);

            String myMessage = addMessage(mine, myThread);
            String theirMessage = addMessage(theirs, theirThread);
            ApiResponse staffReply = tenants.staff(staffToken, Staff.MESSAGES_ADD,
                    Map.of("Messages", List.of(Map.of("MessageThreadId", myThread, "Text", "For you only"))));
            assertThat(staffReply).isOk();
            String myReply = staffReply.json().path("Messages").get(0).path("Message").path("Id").asText();

            awaitDelivered(mine.client(), myMessage, myReply);
            awaitDelivered(theirs.client(), theirMessage);
            assertThat(receiver.eventIdCounts().keySet()).containsExactlyInAnyOrder(myMessage, myReply);
            assertThat(otherReceiver.eventIdCounts().keySet()).containsExactly(theirMessage);
        }
    }

    // ----- delivery rules: failures are retried

    @Test
    void serverErrorIsRetriedUntilDelivered() {
        receiver.answerNext(Answer.status(500));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

        String messageId = addMessage(integration, thread(integration));

        List<Received> requests = receiver.awaitRequests(2, PATIENCE);
        assertThat(requests).extracting(Received::eventIds).containsOnly(List.of(messageId));
        JsonNode delivered = awaitDelivered(integration.client(), messageId).getFirst();
        assertThat(delivered.path("Attempts").asInt()).isEqualTo(2);
    }

    @Test
    void answerLaterThanTheTimeoutIsAFailedAttemptAndRetried() {
        // The spec's 6-second hang against a 5-second limit, scaled down: 3 s against 2 s.
        receiver.answerNext(Answer.hang(TIMEOUT.plusSeconds(1), 200));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

        String messageId = addMessage(integration, thread(integration));

        List<Received> requests = receiver.awaitRequests(2, PATIENCE);
        assertThat(requests).extracting(Received::eventIds).containsOnly(List.of(messageId));
        assertThat(awaitDelivered(integration.client(), messageId).getFirst().path("Attempts").asInt()).isEqualTo(2);
    }

    @Test
    void sixSecondHangIsRetriedWithTheDefaultFiveSecondTimeout() {
        assertThat(Config.fromEnvironment(Map.of()).webhooks().timeout()).isEqualTo(Duration.ofSeconds(5));
        // The default timeout and give-up time; short retries.
        Map<String, String> quickRetry = Map.of(
                "CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "1",
                "CONCIERGE_WEBHOOK_MAX_RETRY_SECONDS", "2",
                "CONCIERGE_WEBHOOK_POLL_MILLIS", "100");
        try (App server = TestServers.start(engine, serverVariables(quickRetry))) {
            Tenants own = new Tenants(server);
            receiver.answerNext(Answer.hang(Duration.ofSeconds(6), 200));
            Integration integration = integrationWithWebhook(own, receiver.url("/hook"));

            String messageId = addMessage(own, integration, thread(own, integration));

            List<Received> requests = receiver.awaitRequests(2, Duration.ofSeconds(15));
            assertThat(requests).extracting(Received::eventIds).containsOnly(List.of(messageId));
        }
    }

    @Test
    void aNewMessageIsSentAtOnceNotAtTheNextPoll() {
        Map<String, String> slowPoll = TestConfig.both(SHORT, Map.of("CONCIERGE_WEBHOOK_POLL_MILLIS", "60000"));
        try (App server = TestServers.start(engine, serverVariables(slowPoll))) {
            Tenants own = new Tenants(server);
            Integration integration = integrationWithWebhook(own, receiver.url("/hook"));

            String messageId = addMessage(own, integration, thread(own, integration));

            // Well within the 60 s poll: only the wake-up after the commit can have sent it.
            assertThat(receiver.awaitRequests(1, PATIENCE)).extracting(Received::eventIds)
                    .containsExactly(List.of(messageId));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {307, 308})
    void methodPreservingRedirectIsFollowedWithTheSameMethodAndBody(int status) {
        receiver.answerNext(Answer.redirect(status, "/moved?token=new"));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook?token=old"));

        String messageId = addMessage(integration, thread(integration));

        JsonNode delivered = awaitDelivered(integration.client(), messageId).getFirst();
        assertThat(delivered.path("Attempts").asInt()).as("one attempt, redirect included").isEqualTo(1);
        List<Received> requests = receiver.requests();
        assertThat(requests).extracting(Received::pathAndQuery).containsExactly("/hook?token=old", "/moved?token=new");
        assertThat(requests).extracting(Received::method).containsOnly("POST");
        assertThat(requests.get(1).rawBody()).isEqualTo(requests.get(0).rawBody());
        assertThat(requests.get(1).body()).isEqualTo(payload(integration.enterpriseId(), integration.id(), messageId));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {301, 302})
    void otherRedirectIsNotFollowedButAFailedAttempt(int status) {
        receiver.answerNext(Answer.redirect(status, "/moved"));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

        String messageId = addMessage(integration, thread(integration));

        JsonNode delivered = awaitDelivered(integration.client(), messageId).getFirst();
        assertThat(delivered.path("Attempts").asInt()).isEqualTo(2);
        assertThat(receiver.requests()).extracting(Received::pathAndQuery).containsExactly("/hook", "/hook");
    }

    @Test
    void receiverThatAlwaysFailsEndsDeadAndReplayDeliversItOnceHealthy() {
        receiver.answerAlways(Answer.status(503));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String messageId = addMessage(integration, thread(integration));

        JsonNode dead = awaitBatch("Dead", integration.client(), Duration.ofSeconds(15)).getFirst();
        assertThat(textValues(dead.path("MessageIds"))).containsExactly(messageId);
        assertThat(dead.path("EnterpriseId").asText()).isEqualTo(integration.enterpriseId().toString());
        assertThat(dead.path("IntegrationId").asText()).isEqualTo(integration.id().toString());
        assertThat(dead.path("Attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(dead.path("LastError").asText()).contains("503");
        int attemptsBeforeReplay = receiver.requests().size();
        assertThat(attemptsBeforeReplay).isEqualTo(dead.path("Attempts").asInt());

        receiver.answerAlways(Answer.ok());
        ApiResponse replay = tenants.api().admin(Admin.WEBHOOKS_REPLAY, Map.of("BatchIds", List.of(dead.path("Id").asText())));

        assertThat(replay).isOk();
        assertThat(replay.json().path("EventCount").asInt()).isEqualTo(1);
        awaitDelivered(integration.client(), messageId);
        assertThat(receiver.requests()).hasSize(attemptsBeforeReplay + 1);
        assertThat(receiver.requests().getLast().body())
                .isEqualTo(payload(integration.enterpriseId(), integration.id(), messageId));
        assertThat(batches("Dead", integration.client())).isEmpty();
    }

    @Test
    void slowReceiverDoesNotDelayAnotherClientsDelivery() {
        try (WebhookReceiver healthy = WebhookReceiver.start()) {
            receiver.answerAlways(Answer.hang(TIMEOUT.plusSeconds(1), 200));
            Integration slowClient = integrationWithWebhook(tenants, receiver.url("/slow"));
            Integration healthyClient = integrationWithWebhook(tenants, healthy.url("/healthy"));
            String slowThread = thread(slowClient);
            String healthyThread = thread(healthyClient);

            addMessage(slowClient, slowThread);
            Received slow = receiver.awaitRequests(1, PATIENCE).getFirst();
            String healthyMessage = addMessage(healthyClient, healthyThread);

            Received delivered = healthy.awaitRequests(1, PATIENCE).getFirst();
            assertThat(delivered.eventIds()).containsExactly(healthyMessage);
            assertThat(Duration.ofNanos(delivered.arrivedNanos() - slow.arrivedNanos()))
                    .as("the healthy client's event arrives while the slow delivery still waits for its answer")
                    .isLessThan(TIMEOUT);
        }
    }

    // ----- helpers

    static Integration integrationWithWebhook(Tenants tenants, String url) {
        return tenants.integration(tenants.clientWithWebhook(url), tenants.enterprise());
    }

    private String thread(Integration integration) {
        return thread(tenants, integration);
    }

    static String thread(Tenants tenants, Integration integration) {
        return tenants.addThread(integration).path("Id").asText();
    }

    private String addMessage(Integration integration, String threadId) {
        return addMessage(tenants, integration, threadId);
    }

    static String addMessage(Tenants tenants, Integration integration, String threadId) {
        return tenants.addMessages(integration, threadId, "Hello " + UUID.randomUUID()).getFirst().path("Id").asText();
    }

    /** The one-event payload of §10.1. */
    static JsonNode payload(UUID enterpriseId, UUID integrationId, String messageId) {
        return JSON.valueToTree(Map.of(
                "EnterpriseId", enterpriseId.toString(),
                "IntegrationId", integrationId.toString(),
                "Events", List.of(Map.of("Discriminator", "MessageAdded", "Value", Map.of("Id", messageId)))));
    }

    /** The client's batches in a status, as the admin API lists them. */
    private List<JsonNode> batches(String status, Client client) {
        return batches(tenants, status, client);
    }

    static List<JsonNode> batches(Tenants tenants, String status, Client client) {
        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_GET_ALL,
                Map.of("Status", status, "Limitation", Map.of("Count", 1000)));
        assertThat(response).isOk();
        List<JsonNode> batches = new ArrayList<>();
        response.json().path("Batches").forEach(batch -> {
            if (batch.path("ClientId").asText().equals(client.id().toString())) {
                batches.add(batch);
            }
        });
        return batches;
    }

    private List<JsonNode> awaitBatch(String status, Client client, Duration patience) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        while (true) {
            List<JsonNode> batches = batches(status, client);
            if (!batches.isEmpty()) {
                return batches;
            }
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("no " + status + " batch for client " + client.id() + " within " + patience
                        + "; the receiver got " + receiver.requests());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** Waits until the admin API lists these messages (all, when none are named) as delivered to the client. */
    private List<JsonNode> awaitDelivered(Client client, String... messageIds) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<JsonNode> delivered = batches("Delivered", client);
            List<String> deliveredIds = new ArrayList<>();
            delivered.forEach(batch -> deliveredIds.addAll(textValues(batch.path("MessageIds"))));
            boolean pendingLeft = !batches("Pending", client).isEmpty();
            if (!delivered.isEmpty() && deliveredIds.containsAll(List.of(messageIds)) && !pendingLeft) {
                return delivered;
            }
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("not delivered to client " + client.id() + " within " + PATIENCE
                        + ": delivered " + deliveredIds + "; the receiver got " + receiver.requests());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
