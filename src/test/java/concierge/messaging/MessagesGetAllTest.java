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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** messages/getAll: required thread Ids, scope, CreatedUtc, Limitation and cursor rules (D1, D4–D8, D17). */
class MessagesGetAllTest extends OnBothEngines {

    private static final Instant T0 = Instant.parse("2022-03-09T13:19:46Z");

    // --- MessageThreadIds

    @Test
    void messageThreadIdsIsRequired() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("MessageThreadIds");
    }

    @Test
    void emptyMessageThreadIdsIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(), "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("MessageThreadIds");
    }

    @Test
    void moreThan1000MessageThreadIdsAreRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", randomIds(1001),
                "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("MessageThreadIds");
    }

    @Test
    void exactly1000MessageThreadIdsAreAccepted() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "Hello");
        List<String> ids = randomIds(999);
        ids.add(threadId);

        ApiResponse response = post(integration, "MessageThreadIds", ids, "Limitation", Map.of("Count", 10));

        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).hasSize(1);
    }

    @Test
    void malformedMessageThreadIdIsRejectedByIndex() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(UUID.randomUUID().toString(), "nope"),
                "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("MessageThreadIds[1]");
    }

    @Test
    void onlyMessagesOfTheListedThreadsAreReturned() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String wanted = threadOf(integration);
        String other = threadOf(integration);
        List<JsonNode> added = tenants.addMessages(integration, wanted, "wanted");
        tenants.addMessages(integration, other, "other");

        JsonNode page = getAll(integration, List.of(wanted), 10);

        assertThat(page.path("Messages")).containsExactlyElementsOf(added);
    }

    @Test
    void foreignThreadIdsGiveNoMessages() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherClient = tenants.integration(tenants.client(), integration.enterpriseId());
        String own = threadOf(integration);
        String foreign = threadOf(otherClient);
        List<JsonNode> mine = tenants.addMessages(integration, own, "mine");
        tenants.addMessages(otherClient, foreign, "not mine");

        JsonNode page = getAll(integration, List.of(own, foreign), 10);

        assertThat(page.path("Messages")).containsExactlyElementsOf(mine);
    }

    @Test
    void onlyForeignAndUnknownThreadIdsGiveAnEmptyPage() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherClient = tenants.integration(tenants.client(), integration.enterpriseId());
        String foreign = threadOf(otherClient);
        tenants.addMessages(otherClient, foreign, "not yours");

        JsonNode page = getAll(integration, List.of(foreign, UUID.randomUUID().toString()), 10);

        assertThat(page.path("Messages")).isEmpty();
        assertThat(page.has("Cursor")).isTrue();
        assertThat(page.path("Cursor").isNull()).isTrue();
    }

    // --- EnterpriseIds

    @Test
    void portfolioTokenWithoutEnterpriseIdsReadsEveryEnterpriseInScope() {
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Tenants.Integration portfolio = tenants.integration(tenants.client(), first, second);
        String inFirst = threadIn(portfolio, first);
        String inSecond = threadIn(portfolio, second);
        tenants.addMessages(portfolio, inFirst, "first");
        tenants.addMessages(portfolio, inSecond, "second");

        JsonNode page = getAll(portfolio, List.of(inFirst, inSecond), 10);

        assertThat(texts(page, "Text")).containsExactly("second", "first");
    }

    @Test
    void enterpriseIdsNarrowToThoseEnterprises() {
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Tenants.Integration portfolio = tenants.integration(tenants.client(), first, second);
        String inFirst = threadIn(portfolio, first);
        String inSecond = threadIn(portfolio, second);
        tenants.addMessages(portfolio, inFirst, "first");
        tenants.addMessages(portfolio, inSecond, "second");

        ApiResponse response = post(portfolio, "EnterpriseIds", List.of(first.toString()),
                "MessageThreadIds", List.of(inFirst, inSecond), "Limitation", Map.of("Count", 10));

        assertThat(response).isOk();
        assertThat(texts(response.json(), "Text")).containsExactly("first");
    }

    @Test
    void enterpriseIdOutsideTheTokensScopeIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        UUID elsewhere = tenants.enterprise();

        ApiResponse response = post(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString(), elsewhere.toString()),
                "MessageThreadIds", List.of(threadOf(integration)), "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("EnterpriseIds[1]");
    }

    @Test
    void emptyEnterpriseIdsIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "EnterpriseIds", List.of(),
                "MessageThreadIds", List.of(threadOf(integration)), "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("EnterpriseIds");
    }

    // --- CreatedUtc

    @Test
    void createdUtcOfExactlyOneMonthIsAccepted() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = createdBetween(integration, threadOf(integration),
                "2022-03-01T00:00:00Z", "2022-04-01T00:00:00Z");

        assertThat(response).isOk();
    }

    @Test
    void createdUtcLongerThanOneMonthIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = createdBetween(integration, threadOf(integration),
                "2022-03-01T00:00:00Z", "2022-04-01T00:00:01Z");

        assertThat(response).isBadRequestNaming("CreatedUtc");
    }

    @Test
    void createdUtcMonthIsACalendarMonth() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);

        ApiResponse february = createdBetween(integration, threadId, "2022-02-01T00:00:00Z", "2022-03-01T00:00:00Z");
        ApiResponse longerThanFebruary = createdBetween(integration, threadId,
                "2022-02-01T00:00:00Z", "2022-03-02T00:00:00Z");

        assertThat(february).isOk();
        assertThat(longerThanFebruary).isBadRequestNaming("CreatedUtc");
    }

    @Test
    void createdUtcStartAfterEndIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = createdBetween(integration, threadOf(integration),
                "2022-03-02T00:00:00Z", "2022-03-01T00:00:00Z");

        assertThat(response).isBadRequestNaming("CreatedUtc");
    }

    @Test
    void createdUtcNeedsBothBounds() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadOf(integration)),
                "CreatedUtc", Map.of("StartUtc", "2022-03-01T00:00:00Z"), "Limitation", Map.of("Count", 10));

        assertThat(response).isBadRequestNaming("CreatedUtc.EndUtc");
    }

    @Test
    void createdUtcIsStartInclusiveEndExclusive() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = seededThread(integration);
        Message before = seed(integration, thread, T0.minusSeconds(1));
        Message atStart = seed(integration, thread, T0);
        Message inside = seed(integration, thread, T0.plusSeconds(1));
        Message atEnd = seed(integration, thread, T0.plusSeconds(2));

        ApiResponse response = createdBetween(integration, thread.id().toString(),
                "2022-03-09T13:19:46Z", "2022-03-09T13:19:48Z");

        assertThat(response).isOk();
        assertThat(texts(response.json(), "Id")).containsExactly(inside.id().toString(), atStart.id().toString());
        assertThat(texts(response.json(), "Id")).doesNotContain(before.id().toString(), atEnd.id().toString());
    }

    @Test
    void equalityModeMatchesOnlyThatExactInstant() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = seededThread(integration);
        seed(integration, thread, T0.minusSeconds(1));
        Message exact = seed(integration, thread, T0);
        seed(integration, thread, T0.plusSeconds(1));

        ApiResponse response = createdBetween(integration, thread.id().toString(),
                "2022-03-09T13:19:46Z", "2022-03-09T13:19:46Z");

        assertThat(response).isOk();
        assertThat(texts(response.json(), "Id")).containsExactly(exact.id().toString());
    }

    @Test
    void createdUtcReadBackWorksInAnEqualityFilter() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        JsonNode added = tenants.addMessages(integration, threadId, "Hello").getFirst();
        String created = added.path("CreatedUtc").asText();

        ApiResponse response = createdBetween(integration, threadId, created, created);

        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).containsExactly(added);
    }

    @Test
    void createdUtcWithAnOffsetIsNormalisedToUtc() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = seededThread(integration);
        Message exact = seed(integration, thread, T0);

        ApiResponse response = createdBetween(integration, thread.id().toString(),
                "2022-03-09T15:19:46+02:00", "2022-03-09T15:19:46.000+02:00");

        assertThat(response).isOk();
        assertThat(texts(response.json(), "Id")).containsExactly(exact.id().toString());
    }

    // --- Limitation

    @Test
    void limitationIsRequired() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadOf(integration)));

        assertThat(response).isBadRequestNaming("Limitation");
    }

    @Test
    void countOfZeroIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadOf(integration)),
                "Limitation", Map.of("Count", 0));

        assertThat(response).isBadRequestNaming("Limitation.Count");
    }

    @Test
    void countOver1000IsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadOf(integration)),
                "Limitation", Map.of("Count", 1001));

        assertThat(response).isBadRequestNaming("Limitation.Count");
    }

    @Test
    void countLimitsThePage() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "1", "2", "3");

        JsonNode one = getAll(integration, List.of(threadId), 1);
        JsonNode thousand = getAll(integration, List.of(threadId), 1000);

        assertThat(texts(one, "Text")).containsExactly("3");
        assertThat(texts(thousand, "Text")).containsExactly("3", "2", "1");
    }

    // --- order and cursor

    @Test
    void newestFirstByCreatedUtcThenInsertionOrder() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = seededThread(integration);
        Message middle = seed(integration, thread, T0.plusSeconds(1));
        Message oldest = seed(integration, thread, T0);
        Message newest = seed(integration, thread, T0.plusSeconds(2));
        Message tieInsertedLater = seed(integration, thread, T0.plusSeconds(1));

        JsonNode page = getAll(integration, List.of(thread.id().toString()), 10);

        assertThat(texts(page, "Id")).containsExactly(newest.id().toString(), tieInsertedLater.id().toString(),
                middle.id().toString(), oldest.id().toString());
    }

    @Test
    void newestFirstAcrossSeveralThreads() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread first = seededThread(integration);
        MessageThread second = seededThread(integration);
        Message a = seed(integration, first, T0);
        Message b = seed(integration, second, T0.plusSeconds(1));
        Message c = seed(integration, first, T0.plusSeconds(2));

        JsonNode page = getAll(integration, List.of(first.id().toString(), second.id().toString()), 10);

        assertThat(texts(page, "Id")).containsExactly(c.id().toString(), b.id().toString(), a.id().toString());
    }

    @Test
    void cursorIsTheIdOfTheLastMessageReturned() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "1", "2", "3");

        JsonNode page = getAll(integration, List.of(threadId), 2);

        assertThat(texts(page, "Text")).containsExactly("3", "2");
        assertThat(page.path("Cursor").asText()).isEqualTo(page.path("Messages").get(1).path("Id").asText());
    }

    @Test
    void cursorContinuesWithOlderMessages() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "1", "2", "3");
        String cursor = getAll(integration, List.of(threadId), 2).path("Cursor").asText();

        JsonNode next = page(integration, List.of(threadId), 2, cursor);

        assertThat(texts(next, "Text")).containsExactly("1");
        assertThat(next.path("Cursor").asText()).isEqualTo(next.path("Messages").get(0).path("Id").asText());
    }

    @Test
    void fullLastPageKeepsItsCursorAndTheNextPageIsEmptyWithNullCursor() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "1", "2");

        JsonNode full = getAll(integration, List.of(threadId), 2);
        JsonNode after = page(integration, List.of(threadId), 2, full.path("Cursor").asText());

        assertThat(full.path("Cursor").isTextual()).as(full.toString()).isTrue();
        assertThat(after.path("Messages")).isEmpty();
        assertThat(after.has("Cursor")).isTrue();
        assertThat(after.path("Cursor").isNull()).isTrue();
    }

    @Test
    void emptyPageHasNullCursor() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        JsonNode page = getAll(integration, List.of(threadOf(integration)), 10);

        assertThat(page.path("Messages")).isEmpty();
        assertThat(page.has("Cursor")).isTrue();
        assertThat(page.path("Cursor").isNull()).isTrue();
    }

    @Test
    void cursorAppliesTogetherWithTheFilters() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread thread = seededThread(integration);
        seed(integration, thread, T0.minusSeconds(5));
        Message first = seed(integration, thread, T0);
        Message second = seed(integration, thread, T0.plusSeconds(1));
        seed(integration, thread, T0.plusSeconds(10));
        Map<String, String> interval = Map.of("StartUtc", "2022-03-09T13:19:46Z", "EndUtc", "2022-03-09T13:19:50Z");

        ApiResponse response = post(integration, "MessageThreadIds", List.of(thread.id().toString()),
                "CreatedUtc", interval, "Limitation", Map.of("Count", 1, "Cursor", second.id().toString()));

        assertThat(response).isOk();
        assertThat(texts(response.json(), "Id")).containsExactly(first.id().toString());
    }

    @Test
    void unknownCursorIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "1");

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadId),
                "Limitation", Map.of("Count", 10, "Cursor", UUID.randomUUID().toString()));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    @Test
    void foreignCursorIsRejectedLikeAnUnknownOne() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherClient = tenants.integration(tenants.client(), integration.enterpriseId());
        String own = threadOf(integration);
        tenants.addMessages(integration, own, "1");
        String foreign = threadOf(otherClient);
        String foreignMessage = tenants.addMessages(otherClient, foreign, "secret").getFirst().path("Id").asText();

        ApiResponse withForeign = post(integration, "MessageThreadIds", List.of(own, foreign),
                "Limitation", Map.of("Count", 10, "Cursor", foreignMessage));
        ApiResponse withUnknown = post(integration, "MessageThreadIds", List.of(own, foreign),
                "Limitation", Map.of("Count", 10, "Cursor", UUID.randomUUID().toString()));

        assertThat(withForeign).isBadRequestNaming("Cursor");
        assertThat(withForeign.message()).isEqualTo(withUnknown.message());
    }

    @Test
    void foreignCursorIsRejectedEvenRightAfterItsOwnerWasGivenIt() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherClient = tenants.integration(tenants.client(), integration.enterpriseId());
        String own = threadOf(integration);
        tenants.addMessages(integration, own, "1");
        String foreign = threadOf(otherClient);
        tenants.addMessages(otherClient, foreign, "secret");
        ApiResponse ownersPage = post(otherClient, "MessageThreadIds", List.of(foreign), "Limitation", Map.of("Count", 10));

        ApiResponse withForeign = post(integration, "MessageThreadIds", List.of(own, foreign),
                "Limitation", Map.of("Count", 10, "Cursor", ownersPage.json().path("Cursor").asText()));

        assertThat(ownersPage).isOk();
        assertThat(withForeign).isBadRequestNaming("Cursor");
    }

    @Test
    void malformedCursorIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = post(integration, "MessageThreadIds", List.of(threadOf(integration)),
                "Limitation", Map.of("Count", 10, "Cursor", "not-a-uuid"));

        assertThat(response).isBadRequestNaming("Limitation.Cursor");
    }

    // --- senders and minimal

    @Test
    void bothSendersAreReturned() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "Is breakfast included?");
        ApiResponse reply = tenants.staff(tenants.staffToken(integration.enterpriseId()), Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Yes, it is."))));
        assertThat(reply).isOk();

        JsonNode page = getAll(integration, List.of(threadId), 10);

        assertThat(texts(page, "Text")).containsExactly("Yes, it is.", "Is breakfast included?");
        assertThat(texts(page, "Sender", "Discriminator")).containsExactly("Enterprise", "Application");
        for (JsonNode message : page.path("Messages")) {
            assertThat(message.path("Sender").has("Value")).isTrue();
            assertThat(message.path("Sender").path("Value").isNull()).isTrue();
        }
    }

    @Test
    void preferMinimalGives204ForAnEmptyPage() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadOf(integration)), "Limitation", Map.of("Count", 10)),
                "Prefer", "return=minimal");

        assertThat(response).hasStatus(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void preferMinimalStillReturnsAPageWithMessages() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = threadOf(integration);
        tenants.addMessages(integration, threadId, "Hello");

        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)),
                "Prefer", "return=minimal");

        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).hasSize(1);
    }

    // --- helpers

    private ApiResponse post(Tenants.Integration integration, Object... namesAndValues) {
        return tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(namesAndValues));
    }

    private JsonNode getAll(Tenants.Integration integration, List<String> threadIds, int count) {
        ApiResponse response = post(integration, "MessageThreadIds", threadIds, "Limitation", Map.of("Count", count));
        assertThat(response).isOk();
        return response.json();
    }

    private JsonNode page(Tenants.Integration integration, List<String> threadIds, int count, String cursor) {
        ApiResponse response = post(integration, "MessageThreadIds", threadIds,
                "Limitation", Map.of("Count", count, "Cursor", cursor));
        assertThat(response).isOk();
        return response.json();
    }

    private ApiResponse createdBetween(Tenants.Integration integration, String threadId, String start, String end) {
        return post(integration, "MessageThreadIds", List.of(threadId),
                "CreatedUtc", Map.of("StartUtc", start, "EndUtc", end), "Limitation", Map.of("Count", 100));
    }

    private String threadOf(Tenants.Integration integration) {
        return tenants.addThread(integration).path("Id").asText();
    }

    private String threadIn(Tenants.Integration integration, UUID enterpriseId) {
        return tenants.addThread(integration, "EnterpriseId", enterpriseId.toString()).path("Id").asText();
    }

    private MessageThread seededThread(Tenants.Integration integration) {
        return tenants.seedThread(integration, integration.enterpriseId(), T0.minusSeconds(60), T0.minusSeconds(60));
    }

    private Message seed(Tenants.Integration integration, MessageThread thread, Instant created) {
        return tenants.seedMessage(integration, thread.enterpriseId().value(), thread.id().value(), created);
    }

    private static List<String> randomIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static List<String> texts(JsonNode page, String... path) {
        List<String> values = new ArrayList<>();
        for (JsonNode message : page.path("Messages")) {
            JsonNode node = message;
            for (String name : path) {
                node = node.path(name);
            }
            values.add(node.asText());
        }
        return values;
    }

}
