package concierge.webhooks;

import static concierge.webhooks.WebhookDeliveryTest.PATIENCE;
import static concierge.webhooks.WebhookDeliveryTest.SHORT;
import static concierge.webhooks.WebhookDeliveryTest.addMessage;
import static concierge.webhooks.WebhookDeliveryTest.integrationWithWebhook;
import static concierge.webhooks.WebhookDeliveryTest.serverVariables;
import static concierge.webhooks.WebhookDeliveryTest.sleep;
import static concierge.webhooks.WebhookDeliveryTest.textValues;
import static concierge.webhooks.WebhookDeliveryTest.thread;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnBothEngines;
import concierge.testing.TestServers;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import concierge.testing.WebhookReceiver;
import concierge.testing.WebhookReceiver.Answer;
import concierge.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What the integrator's console reads and does about webhooks (issue 14): each batch's attempts and
 * payload (webhooks/getAttempts), the batch list by client with a Cursor, replay of a delivered
 * batch, sendTest, and what a changed or removed WebhookUrl does to pending batches. A server of its
 * own with short webhook clocks, and a real receiver on loopback.
 */
@Tag("slow")
class WebhookConsoleTest extends OnBothEngines {

    private static final List<String> EVERY_STATUS = List.of("Pending", "Delivered", "Dead");

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

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    // ----- the history of a batch

    @Test
    void everyAttemptIsRecordedNewestFirstWithItsTimeUrlStatusErrorAndDuration() {
        receiver.answerNext(Answer.status(503));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook?key=secret"));
        addMessage(tenants, integration, thread(tenants, integration));
        JsonNode batch = awaitBatch(integration.client(), "Delivered");

        JsonNode attempts = attempts(batch.path("Id").asText()).path("Attempts");

        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(attempt -> attempt.path("StatusCode").asInt()).containsExactly(200, 503);
        assertThat(attempts).extracting(attempt -> attempt.path("Url").asText())
                .containsOnly(receiver.url("/hook?key=secret"));
        assertThat(attempts.get(0).path("Error").isNull()).isTrue();
        assertThat(attempts.get(1).path("Error").asText()).contains("HTTP 503");
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.path("DurationMilliseconds").isIntegralNumber()).isTrue());
        assertThat(Instant.parse(attempts.get(0).path("StartedUtc").asText()))
                .isAfter(Instant.parse(attempts.get(1).path("StartedUtc").asText()));
    }

    @Test
    void anAttemptWithoutAnAnswerHasAnErrorAndNoStatus() {
        // The discard port, where nothing listens: connection refused.
        Integration integration = integrationWithWebhook(tenants, "http://127.0.0.1:9/hook");
        addMessage(tenants, integration, thread(tenants, integration));
        String batchId = awaitBatch(integration.client(), "Pending").path("Id").asText();

        JsonNode attempt = awaitAttempts(batchId, attempts -> !attempts.isEmpty()).get(0);

        assertThat(attempt.path("StatusCode").isNull()).isTrue();
        assertThat(attempt.path("Error").asText()).isNotBlank();
    }

    @Test
    void thePayloadIsTheBodyExactlyAsTheReceiverGotIt() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        addMessage(tenants, integration, thread(tenants, integration));
        JsonNode batch = awaitBatch(integration.client(), "Delivered");

        String payload = attempts(batch.path("Id").asText()).path("Payload").asText();

        assertThat(payload).isEqualTo(receiver.awaitRequests(1, PATIENCE).getFirst().rawBody());
    }

    @Test
    void attemptsOfAnUnknownBatchAreRefused() {
        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_GET_ATTEMPTS,
                Map.of("BatchId", "00000000-0000-4000-8000-000000000000"));

        assertThat(response).isBadRequestNaming("BatchId");
    }

    // ----- listing

    @Test
    void batchesAreListedByClientNewestFirstAndPagedWithACursor() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String threadId = thread(tenants, integration);
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messageIds.add(addMessage(tenants, integration, threadId));
            receiver.awaitRequests(i + 1, PATIENCE);
        }
        integrationWithWebhook(tenants, receiver.url("/other")); // another client's batches are not listed

        ApiResponse first = list(integration.client(), EVERY_STATUS, Map.of("Count", 2));
        ApiResponse second = list(integration.client(), EVERY_STATUS,
                Map.of("Count", 2, "Cursor", first.json().path("Cursor").asText()));

        List<String> listed = new ArrayList<>();
        first.json().path("Batches").forEach(batch -> listed.addAll(textValues(batch.path("MessageIds"))));
        second.json().path("Batches").forEach(batch -> listed.addAll(textValues(batch.path("MessageIds"))));
        assertThat(listed).containsExactly(messageIds.get(2), messageIds.get(1), messageIds.get(0));
        assertThat(first.json().path("Cursor").asText()).isEqualTo(first.json().path("Batches").get(1).path("Id").asText());
    }

    @Test
    void aCursorThatIsNoBatchIsRefused() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));

        ApiResponse response = list(integration.client(), EVERY_STATUS,
                Map.of("Count", 2, "Cursor", integration.client().id().toString()));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    // ----- replay and sendTest

    @Test
    void replayingADeliveredBatchDeliversItAgainUnderTheSameId() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String messageId = addMessage(tenants, integration, thread(tenants, integration));
        String batchId = awaitBatch(integration.client(), "Delivered").path("Id").asText();

        ApiResponse replay = tenants.api().admin(Admin.WEBHOOKS_REPLAY, Map.of("BatchIds", List.of(batchId)));

        assertThat(replay).isOk();
        assertThat(replay.json().path("EventCount").asInt()).isEqualTo(1);
        assertThat(receiver.awaitRequests(2, PATIENCE)).extracting(Received::eventIds)
                .containsExactly(List.of(messageId), List.of(messageId));
        assertThat(awaitAttempts(batchId, attempts -> attempts.size() == 2)).hasSize(2);
        assertThat(awaitBatch(integration.client(), "Delivered").path("Id").asText()).isEqualTo(batchId);
    }

    @Test
    void sendTestDeliversAMessageAddedForTheChosenMessageInABatchOfItsOwn() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        String threadId = thread(tenants, integration);
        String chosen = addMessage(tenants, integration, threadId);
        receiver.awaitRequests(1, PATIENCE);
        addMessage(tenants, integration, threadId);
        receiver.awaitRequests(2, PATIENCE);
        awaitNothingPending(integration.client());

        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_SEND_TEST,
                Map.of("ClientId", integration.client().id().toString(), "MessageId", chosen));

        assertThat(response).isOk();
        assertThat(response.json().path("EventCount").asInt()).isEqualTo(1);
        assertThat(receiver.awaitRequests(3, PATIENCE).getLast().eventIds()).containsExactly(chosen);
    }

    @Test
    void sendTestWritesTheEventOfAMessageAddedWhileTheClientHadNoUrl() {
        Integration integration = tenants.integration(tenants.client(), tenants.enterprise());
        String messageId = addMessage(tenants, integration, thread(tenants, integration));
        updateWebhookUrl(integration.client(), receiver.url("/hook"));

        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_SEND_TEST,
                Map.of("ClientId", integration.client().id().toString(), "MessageId", messageId));

        assertThat(response).isOk();
        assertThat(receiver.awaitRequests(1, PATIENCE).getFirst().eventIds()).containsExactly(messageId);
    }

    @Test
    void sendTestRefusesAnotherClientsMessage() {
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        Integration other = integrationWithWebhook(tenants, receiver.url("/other"));
        String foreignMessage = addMessage(tenants, other, thread(tenants, other));

        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_SEND_TEST,
                Map.of("ClientId", integration.client().id().toString(), "MessageId", foreignMessage));

        assertThat(response).isBadRequestNaming("MessageId");
    }

    @Test
    void sendTestRefusesAClientWithoutWebhookUrl() {
        Integration integration = tenants.integration(tenants.client(), tenants.enterprise());
        String messageId = addMessage(tenants, integration, thread(tenants, integration));

        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_SEND_TEST,
                Map.of("ClientId", integration.client().id().toString(), "MessageId", messageId));

        assertThat(response).isBadRequestNaming("ClientId");
    }

    // ----- a changed or removed WebhookUrl

    @Test
    void aPendingBatchGoesToTheNewUrlAtItsNextAttempt() {
        try (WebhookReceiver fixed = WebhookReceiver.start()) {
            receiver.answerAlways(Answer.status(503));
            Integration integration = integrationWithWebhook(tenants, receiver.url("/broken"));
            String messageId = addMessage(tenants, integration, thread(tenants, integration));
            receiver.awaitRequests(1, PATIENCE);

            updateWebhookUrl(integration.client(), fixed.url("/fixed"));

            assertThat(fixed.awaitRequests(1, PATIENCE).getFirst().eventIds()).containsExactly(messageId);
            assertThat(awaitBatch(integration.client(), "Delivered").path("MessageIds")).extracting(JsonNode::asText)
                    .containsExactly(messageId);
        }
    }

    @Test
    void aPendingBatchIsDeadAtItsNextAttemptOnceTheUrlIsRemoved() {
        receiver.answerAlways(Answer.status(503));
        Integration integration = integrationWithWebhook(tenants, receiver.url("/hook"));
        addMessage(tenants, integration, thread(tenants, integration));
        receiver.awaitRequests(1, PATIENCE);

        ApiResponse removed = tenants.api().admin(Admin.CLIENTS_UPDATE, Map.of(
                "ClientId", integration.client().id().toString(), "WebhookUrl", Map.of()));

        assertThat(removed).isOk();
        assertThat(awaitBatch(integration.client(), "Dead").path("LastError").asText())
                .isEqualTo("the client has no WebhookUrl");
    }

    private void updateWebhookUrl(Client client, String url) {
        assertThat(tenants.api().admin(Admin.CLIENTS_UPDATE,
                Map.of("ClientId", client.id().toString(), "WebhookUrl", Map.of("Value", url)))).isOk();
    }

    private ApiResponse list(Client client, List<String> statuses, Map<String, Object> limitation) {
        return tenants.api().admin(Admin.WEBHOOKS_GET_ALL,
                Map.of("ClientIds", List.of(client.id().toString()), "Statuses", statuses, "Limitation", limitation));
    }

    private JsonNode attempts(String batchId) {
        ApiResponse response = tenants.api().admin(Admin.WEBHOOKS_GET_ATTEMPTS, Map.of("BatchId", batchId));
        assertThat(response).isOk();
        return response.json();
    }

    /** The client's newest batch in that status, once there is one. */
    private JsonNode awaitBatch(Client client, String status) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            ApiResponse response = list(client, List.of(status), Map.of("Count", 10));
            assertThat(response).isOk();
            if (!response.json().path("Batches").isEmpty()) {
                return response.json().path("Batches").get(0);
            }
            assertThat(System.nanoTime()).as("a " + status + " batch of client " + client.id() + "; the receiver got "
                    + receiver.requests()).isLessThan(giveUpAt);
            sleep(Duration.ofMillis(20));
        }
    }

    private void awaitNothingPending(Client client) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (!list(client, List.of("Pending"), Map.of("Count", 10)).json().path("Batches").isEmpty()) {
            assertThat(System.nanoTime()).as("no pending batch of client " + client.id()).isLessThan(giveUpAt);
            sleep(Duration.ofMillis(20));
        }
    }

    private JsonNode awaitAttempts(String batchId, Predicate<JsonNode> condition) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode attempts = attempts(batchId).path("Attempts");
            if (condition.test(attempts)) {
                return attempts;
            }
            assertThat(System.nanoTime()).as("attempts of batch " + batchId + ": " + attempts).isLessThan(giveUpAt);
            sleep(Duration.ofMillis(20));
        }
    }
}
