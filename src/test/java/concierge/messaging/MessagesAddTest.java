package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** messages/add: sizes, all or nothing, request order, Identifier echo and the thread's state (D10–D12). */
class MessagesAddTest extends OnBothEngines {

    private static final String UTC_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @Test
    void addedMessageHasApplicationSenderAndEchoesTheIdentifier() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse response = add(integration, item(threadId, "Text of the message", "Message 1"));

        assertThat(response).isOk();
        JsonNode added = response.json().path("Messages").get(0);
        assertThat(added.path("Identifier").asText()).isEqualTo("Message 1");
        JsonNode message = added.path("Message");
        assertThat(message.path("Id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(message.path("MessageThreadId").asText()).isEqualTo(threadId);
        assertThat(message.path("Text").asText()).isEqualTo("Text of the message");
        assertThat(message.path("CreatedUtc").asText()).matches(UTC_SECONDS);
        assertThat(message.path("Sender").has("Value")).as(message.toString()).isTrue();
        assertThat(message.path("Sender").path("Value").isNull()).isTrue();
        assertThat(message.path("Sender").path("Discriminator").asText()).isEqualTo("Application");
    }

    @Test
    void identifierIsNullWhenNotSent() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, item(threadOf(integration), "Hello"));

        assertThat(response).isOk();
        JsonNode added = response.json().path("Messages").get(0);
        assertThat(added.has("Identifier")).as(added.toString()).isTrue();
        assertThat(added.path("Identifier").isNull()).as(added.toString()).isTrue();
    }

    @Test
    void addedMessageIsListedByGetAll() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        JsonNode added = add(integration, item(threadId, "Hello")).json().path("Messages").get(0).path("Message");

        JsonNode listed = getAll(integration, threadId);

        assertThat(listed.path("Messages")).containsExactly(added);
    }

    @Test
    void resultsComeInRequestOrderWithTheirIdentifiers() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String first = threadOf(integration);
        String second = threadOf(integration);

        ApiResponse response = add(integration, item(first, "a", "id-a"), item(second, "b", "id-b"),
                item(first, "c", null), item(second, "d", "id-d"), item(first, "e", "id-e"));

        assertThat(response).isOk();
        JsonNode results = response.json().path("Messages");
        assertThat(results).hasSize(5);
        assertThat(texts(results, "Message", "Text")).containsExactly("a", "b", "c", "d", "e");
        assertThat(texts(results, "Message", "MessageThreadId")).containsExactly(first, second, first, second, first);
        assertThat(results.get(0).path("Identifier").asText()).isEqualTo("id-a");
        assertThat(results.get(1).path("Identifier").asText()).isEqualTo("id-b");
        assertThat(results.get(2).path("Identifier").isNull()).isTrue();
        assertThat(results.get(3).path("Identifier").asText()).isEqualTo("id-d");
        assertThat(results.get(4).path("Identifier").asText()).isEqualTo("id-e");
    }

    @Test
    void emptyMessagesArrayIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", List.of()));

        assertThat(response).isBadRequestNaming("Messages");
    }

    @Test
    void missingMessagesIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, integration.body());

        assertThat(response).isBadRequestNaming("Messages");
    }

    @Test
    void moreThan1000MessagesAreRejectedAndNothingIsWritten() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(item(threadId, "Message " + i));
        }

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", items));

        assertThat(response).isBadRequestNaming("Messages");
        assertThat(getAll(integration, threadId).path("Messages")).isEmpty();
    }

    @Test
    void unknownThreadRejectsTheWholeBatchNamingItsIndex() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse response = add(integration, item(threadId, "one"), item(threadId, "two"),
                item(UUID.randomUUID().toString(), "three"));

        assertThat(response).isBadRequestNaming("Messages[2].MessageThreadId");
        assertThat(getAll(integration, threadId).path("Messages")).isEmpty();
    }

    @Test
    void foreignClientsThreadRejectsTheWholeBatchNamingItsIndex() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherClient = tenants.integration(tenants.client(), integration.enterpriseId());
        String own = threadOf(integration);
        String foreign = threadOf(otherClient);

        ApiResponse response = add(integration, item(own, "mine"), item(foreign, "not mine"));

        assertThat(response).isBadRequestNaming("Messages[1].MessageThreadId");
        assertThat(getAll(integration, own).path("Messages")).isEmpty();
        assertThat(getAll(otherClient, foreign).path("Messages")).isEmpty();
    }

    @Test
    void ownThreadInAnEnterpriseOutsideTheTokensScopeIsRejected() {
        Tenants.Client client = tenants.client();
        Tenants.Integration first = tenants.integration(client, tenants.enterprise());
        Tenants.Integration second = tenants.integration(client, tenants.enterprise());
        String threadOfSecond = threadOf(second);

        ApiResponse response = add(first, item(threadOfSecond, "wrong token"));

        assertThat(response).isBadRequestNaming("Messages[0].MessageThreadId");
        assertThat(getAll(second, threadOfSecond).path("Messages")).isEmpty();
    }

    @Test
    void anotherTokenOfTheSameClientAndEnterpriseMayAdd() {
        Tenants.Integration first = tenants.singleEnterpriseIntegration();
        Tenants.Integration second = tenants.integration(first.client(), first.enterpriseId());
        String threadId = threadOf(first);

        ApiResponse response = add(second, item(threadId, "via the second token"));

        assertThat(response).isOk();
        assertThat(getAll(first, threadId).path("Messages")).hasSize(1);
    }

    @Test
    void portfolioTokenAddsToThreadsOfEachOfItsEnterprises() {
        UUID firstEnterprise = tenants.enterprise();
        UUID secondEnterprise = tenants.enterprise();
        Tenants.Integration portfolio = tenants.integration(tenants.client(), firstEnterprise, secondEnterprise);
        String inFirst = tenants.addThread(portfolio, "EnterpriseId", firstEnterprise.toString()).path("Id").asText();
        String inSecond = tenants.addThread(portfolio, "EnterpriseId", secondEnterprise.toString()).path("Id").asText();

        ApiResponse response = add(portfolio, item(inFirst, "first"), item(inSecond, "second"));

        assertThat(response).isOk();
        assertThat(getAll(portfolio, inFirst, inSecond).path("Messages")).hasSize(2);
    }

    @Test
    void emptyTextRejectsTheWholeBatchNamingItsIndex() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse response = add(integration, item(threadId, "fine"), item(threadId, ""));

        assertThat(response).isBadRequestNaming("Messages[1].Text");
        assertThat(getAll(integration, threadId).path("Messages")).isEmpty();
    }

    @Test
    void blankTextIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, item(threadOf(integration), "   "));

        assertThat(response).isBadRequestNaming("Messages[0].Text");
    }

    @Test
    void missingTextIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, Map.of("MessageThreadId", threadOf(integration)));

        assertThat(response).isBadRequestNaming("Messages[0].Text");
    }

    @Test
    void missingMessageThreadIdIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, item(threadOf(integration), "fine"), Map.of("Text", "no thread"));

        assertThat(response).isBadRequestNaming("Messages[1].MessageThreadId");
    }

    @Test
    void malformedMessageThreadIdIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, item("not-a-uuid", "Hello"));

        assertThat(response).isBadRequestNaming("Messages[0].MessageThreadId");
    }

    @Test
    void textOf10000CharactersIsStoredWhole() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        String text = "x".repeat(9_999) + "y";

        ApiResponse response = add(integration, item(threadId, text));

        assertThat(response).isOk();
        assertThat(getAll(integration, threadId).path("Messages").get(0).path("Text").asText()).isEqualTo(text);
    }

    @Test
    void textOf10001CharactersIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse response = add(integration, item(threadId, "x".repeat(10_001)));

        assertThat(response).isBadRequestNaming("Messages[0].Text");
        assertThat(response.message()).contains("10000");
        assertThat(getAll(integration, threadId).path("Messages")).isEmpty();
    }

    @Test
    void textWithCharactersOutsideAsciiIsStoredUnchanged() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        String text = "Dobrý den, 東京 🙂\nline two\t\"quoted\" \\ backslash";

        ApiResponse response = add(integration, item(threadId, text));

        assertThat(response).isOk();
        assertThat(getAll(integration, threadId).path("Messages").get(0).path("Text").asText()).isEqualTo(text);
    }

    @Test
    void identifierOf255CharactersIsEchoed() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String identifier = "i".repeat(255);

        ApiResponse response = add(integration, item(threadOf(integration), "Hello", identifier));

        assertThat(response).isOk();
        assertThat(response.json().path("Messages").get(0).path("Identifier").asText()).isEqualTo(identifier);
    }

    @Test
    void identifierOf256CharactersIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse response = add(integration, item(threadId, "fine"), item(threadId, "Hello", "i".repeat(256)));

        assertThat(response).isBadRequestNaming("Messages[1].Identifier");
        assertThat(getAll(integration, threadId).path("Messages")).isEmpty();
    }

    @Test
    void laterItemCountsAsNewer() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        JsonNode added = add(integration, item(threadId, "first"), item(threadId, "second"), item(threadId, "third"))
                .json().path("Messages");

        JsonNode listed = getAll(integration, threadId).path("Messages");
        assertThat(texts(listed, "Text")).containsExactly("third", "second", "first");
        assertThat(texts(listed, "Id")).containsExactly(
                added.get(2).path("Message").path("Id").asText(),
                added.get(1).path("Message").path("Id").asText(),
                added.get(0).path("Message").path("Id").asText());
    }

    @Test
    void newMessageMovesTheThreadsUpdatedUtcToTheMessageTime() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        String threadId = tenants.seedThread(integration, integration.enterpriseId(), longAgo, longAgo).id().toString();

        JsonNode message = add(integration, item(threadId, "Hello")).json().path("Messages").get(0).path("Message");

        JsonNode thread = thread(integration, threadId);
        assertThat(thread.path("UpdatedUtc").asText()).isEqualTo(message.path("CreatedUtc").asText());
        assertThat(thread.path("CreatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void newMessageReopensAResolvedThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());
        ApiResponse resolved = tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true));
        assertThat(resolved).isOk();
        assertThat(thread(integration, threadId).path("IsResolved").asBoolean()).isTrue();

        ApiResponse response = add(integration, item(threadId, "One more question"));

        assertThat(response).isOk();
        assertThat(thread(integration, threadId).path("IsResolved").isBoolean()).isTrue();
        assertThat(thread(integration, threadId).path("IsResolved").asBoolean()).isFalse();
    }

    @Test
    void rejectedBatchLeavesTheThreadsStateAlone() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        String threadId = tenants.seedThread(integration, integration.enterpriseId(), longAgo, longAgo).id().toString();

        ApiResponse response = add(integration, item(threadId, "fine"), item(UUID.randomUUID().toString(), "unknown"));

        assertThat(response).isBadRequestNaming("Messages[1].MessageThreadId");
        assertThat(thread(integration, threadId).path("UpdatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void batchOf1000MessagesIsStoredAndListedWhole() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(threadId, "Message " + i, "id-" + i));
        }

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", items));

        assertThat(response).isOk();
        JsonNode results = response.json().path("Messages");
        assertThat(results).hasSize(1000);
        List<String> addedIds = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(results.get(i).path("Identifier").asText()).isEqualTo("id-" + i);
            assertThat(results.get(i).path("Message").path("Text").asText()).isEqualTo("Message " + i);
            addedIds.add(results.get(i).path("Message").path("Id").asText());
        }
        JsonNode listed = getAll(integration, threadId).path("Messages");
        assertThat(texts(listed, "Id")).containsExactlyElementsOf(addedIds.reversed());
    }

    // --- helpers

    private String threadOf(Tenants.Integration integration) {
        return tenants.addThread(integration).path("Id").asText();
    }

    @SafeVarargs
    private ApiResponse add(Tenants.Integration integration, Map<String, Object>... items) {
        return tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", List.of(items)));
    }

    private JsonNode getAll(Tenants.Integration integration, String... threadIds) {
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadIds), "Limitation", Map.of("Count", 1000)));
        assertThat(response).isOk();
        return response.json();
    }

    private JsonNode thread(Tenants.Integration integration, String threadId) {
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).as(response.toString()).hasSize(1);
        return response.json().path("MessageThreads").get(0);
    }

    static Map<String, Object> item(String threadId, String text) {
        return Map.of("MessageThreadId", threadId, "Text", text);
    }

    static Map<String, Object> item(String threadId, String text, String identifier) {
        Map<String, Object> item = new HashMap<>(item(threadId, text));
        if (identifier != null) {
            item.put("Identifier", identifier);
        }
        return item;
    }

    private static List<String> texts(JsonNode array, String... path) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            JsonNode node = element;
            for (String name : path) {
                node = node.path(name);
            }
            values.add(node.asText());
        }
        return values;
    }

}
