package concierge.staff;

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

/**
 * What the staff inbox page reads (issue 12): messageThreads/getAll's Order by last activity, its
 * Search over Subject and OriginalSender, and each thread's LastMessageUtc.
 */
class StaffInboxReadsTest extends OnBothEngines {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Map<String, Object> BY_ACTIVITY = Map.of("Order", "UpdatedUtc");

    // --- Order

    @Test
    void orderUpdatedUtcListsTheNewestActivityFirst() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String quiet = seed(integration, LONG_AGO.plusSeconds(30), LONG_AGO.plusSeconds(30));
        String busy = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(90));
        String middle = seed(integration, LONG_AGO.plusSeconds(10), LONG_AGO.plusSeconds(60));

        JsonNode inbox = inbox(staffToken(integration), Map.of("Order", "UpdatedUtc"));

        assertThat(ids(inbox)).containsExactly(busy, middle, quiet);
    }

    @Test
    void orderUpdatedUtcBreaksTiesByInsertionNewestFirst() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String first = seed(integration, LONG_AGO.plusSeconds(50), LONG_AGO.plusSeconds(100));
        String second = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(100));
        String third = seed(integration, LONG_AGO.plusSeconds(20), LONG_AGO.plusSeconds(100));

        JsonNode inbox = inbox(staffToken(integration), Map.of("Order", "UpdatedUtc"));

        assertThat(ids(inbox)).containsExactly(third, second, first);
    }

    @Test
    void orderCreatedUtcIsTheDefault() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String older = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(90));
        String newer = seed(integration, LONG_AGO.plusSeconds(10), LONG_AGO.plusSeconds(10));
        String staffToken = staffToken(integration);

        assertThat(ids(inbox(staffToken, Map.of("Order", "CreatedUtc")))).containsExactly(newer, older);
        assertThat(ids(inbox(staffToken, Map.of()))).containsExactly(newer, older);
    }

    @Test
    void orderUpdatedUtcPagesWithTheCursor() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        List<String> byActivity = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byActivity.addFirst(seed(integration, LONG_AGO.plusSeconds(100 - i), LONG_AGO.plusSeconds(200 + i)));
        }
        String staffToken = staffToken(integration);

        JsonNode first = firstPage(staffToken, BY_ACTIVITY);
        JsonNode second = pageAfter(staffToken, BY_ACTIVITY, first);
        JsonNode third = pageAfter(staffToken, BY_ACTIVITY, second);

        assertThat(ids(first)).containsExactlyElementsOf(byActivity.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(byActivity.subList(2, 4));
        assertThat(ids(third)).containsExactlyElementsOf(byActivity.subList(4, 5));
    }

    @Test
    void aThreadThatMovedToTheTopSinceTheLastPageIsNotRepeated() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String d = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(1));
        String c = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(2));
        String b = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(3));
        String a = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(4));
        String staffToken = staffToken(integration);
        JsonNode first = firstPage(staffToken, BY_ACTIVITY);

        tenants.addMessages(integration, a, "one more question");
        JsonNode second = pageAfter(staffToken, BY_ACTIVITY, first);

        assertThat(ids(first)).containsExactly(a, b);
        assertThat(ids(second)).containsExactly(c, d);
    }

    @Test
    void aCursorThreadThatMovedStartsTheNextPageWhereItStandsNow() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String c = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(1));
        String b = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(2));
        String a = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(3));
        String staffToken = staffToken(integration);
        JsonNode first = firstPage(staffToken, BY_ACTIVITY);

        tenants.addMessages(integration, b, "news");
        JsonNode second = pageAfter(staffToken, BY_ACTIVITY, first);

        assertThat(ids(first)).containsExactly(a, b);
        assertThat(ids(second)).containsExactly(a, c);
    }

    @Test
    void orderUpdatedUtcWithThreadIdsKeepsThatOrder() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String older = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(90));
        String newer = seed(integration, LONG_AGO.plusSeconds(10), LONG_AGO.plusSeconds(10));

        JsonNode inbox = inbox(staffToken(integration),
                Map.of("Order", "UpdatedUtc", "MessageThreadIds", List.of(newer, older)));

        assertThat(ids(inbox)).containsExactly(older, newer);
    }

    @Test
    void anUnknownOrderIsRejectedNamingOrder() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        assertThat(getAll(staffToken, Map.of("Order", "Newest"))).isBadRequestNaming("Order");
        assertThat(getAll(staffToken, Map.of("Order", "updatedutc"))).isBadRequestNaming("Order");
        assertThat(getAll(staffToken, Map.of("Order", ""))).isBadRequestNaming("Order");
        assertThat(getAll(staffToken, Map.of("Order", 1))).isBadRequestNaming("Order");
    }

    // --- LastMessageUtc

    @Test
    void lastMessageUtcIsNullWhileTheThreadHasNoMessage() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        tenants.addThread(integration);

        JsonNode thread = inbox(staffToken(integration), Map.of()).path("MessageThreads").get(0);

        assertThat(thread.has("LastMessageUtc")).as(thread.toString()).isTrue();
        assertThat(thread.path("LastMessageUtc").isNull()).as(thread.toString()).isTrue();
    }

    @Test
    void lastMessageUtcIsTheCreatedUtcOfTheNewestMessage() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seed(integration, LONG_AGO, LONG_AGO);
        tenants.seedMessages(integration, integration.enterpriseId(), List.of(
                new Tenants.Seed(UUID.fromString(threadId), LONG_AGO.plusSeconds(5)),
                new Tenants.Seed(UUID.fromString(threadId), LONG_AGO.plusSeconds(7))));

        JsonNode thread = inbox(staffToken(integration), Map.of()).path("MessageThreads").get(0);

        assertThat(thread.path("LastMessageUtc").asText()).isEqualTo("2020-01-01T00:00:07Z");
    }

    @Test
    void lastMessageUtcFollowsTheAppsMessagesAndStaffReplies() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seed(integration, LONG_AGO, LONG_AGO);
        String staffToken = staffToken(integration);

        String appMessage = tenants.addMessages(integration, threadId, "Hello").getFirst().path("CreatedUtc").asText();
        String afterApp = inbox(staffToken, Map.of()).path("MessageThreads").get(0).path("LastMessageUtc").asText();
        ApiResponse reply = tenants.staff(staffToken, Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Hi"))));
        String replied = reply.json().path("Messages").get(0).path("Message").path("CreatedUtc").asText();
        String afterReply = inbox(staffToken, Map.of()).path("MessageThreads").get(0).path("LastMessageUtc").asText();

        assertThat(afterApp).isEqualTo(appMessage);
        assertThat(afterReply).isEqualTo(replied);
    }

    @Test
    void resolvingMovesUpdatedUtcButNotLastMessageUtc() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seed(integration, LONG_AGO, LONG_AGO);
        tenants.seedMessage(integration, integration.enterpriseId(), UUID.fromString(threadId), LONG_AGO);

        ApiResponse response = tenants.staff(staffToken(integration), Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true));

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(Instant.parse(thread.path("UpdatedUtc").asText())).isAfter(LONG_AGO);
        assertThat(thread.path("LastMessageUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void theConnectorsThreadViewHasNoLastMessageUtc() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        tenants.addMessages(integration, threadId, "Hello");

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(thread.path("Id").asText()).isEqualTo(threadId);
        assertThat(thread.has("LastMessageUtc")).as(thread.toString()).isFalse();
    }

    @Test
    void theConnectorHasNoOrderOrSearch() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String older = seed(integration, LONG_AGO, LONG_AGO.plusSeconds(90));
        String newer = seed(integration, LONG_AGO.plusSeconds(10), LONG_AGO.plusSeconds(10));

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(older, newer), "Order", "UpdatedUtc", "Search", "matches nothing",
                "Limitation", Map.of("Count", 10)));

        assertThat(response).isOk();
        assertThat(ids(response.json())).containsExactly(newer, older);
    }

    // --- Search

    @Test
    void searchKeepsThreadsWhoseSubjectOrOriginalSenderContainsIt() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String bySubject = thread(integration, "Jana Nováková", "Late breakfast?");
        String bySender = thread(integration, "Breakfast Club", "Room 12");
        thread(integration, "Petr Svoboda", "Parking");

        JsonNode inbox = inbox(staffToken(integration), Map.of("Search", "BREAKFAST"));

        assertThat(ids(inbox)).containsExactly(bySender, bySubject);
    }

    @Test
    void searchFoldsCaseBeyondAsciiAlikeOnBothEngines() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String czech = thread(integration, "Řehoř Šťastný", "Dotaz");
        String greek = thread(integration, "Guest", "ΟΔΟΣ");
        String staffToken = staffToken(integration);

        assertThat(ids(inbox(staffToken, Map.of("Search", "řehoř šťastný")))).containsExactly(czech);
        assertThat(ids(inbox(staffToken, Map.of("Search", "ŘEHOŘ")))).containsExactly(czech);
        assertThat(ids(inbox(staffToken, Map.of("Search", "οδος")))).containsExactly(greek);
        assertThat(ids(inbox(staffToken, Map.of("Search", "δοσ")))).containsExactly(greek);
    }

    @Test
    void searchMatchesPercentUnderscoreBackslashAndTheEscapeCharacterLiterally() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String percent = thread(integration, "Guest", "100% sure");
        String underscore = thread(integration, "Guest", "room_12");
        String backslash = thread(integration, "Guest", "C:\\temp");
        String bang = thread(integration, "Guest", "Help!");
        thread(integration, "Guest", "plain words");
        String staffToken = staffToken(integration);

        assertThat(ids(inbox(staffToken, Map.of("Search", "%")))).containsExactly(percent);
        assertThat(ids(inbox(staffToken, Map.of("Search", "_")))).containsExactly(underscore);
        assertThat(ids(inbox(staffToken, Map.of("Search", "\\")))).containsExactly(backslash);
        assertThat(ids(inbox(staffToken, Map.of("Search", "m_1")))).containsExactly(underscore);
        assertThat(ids(inbox(staffToken, Map.of("Search", "0%")))).containsExactly(percent);
        assertThat(ids(inbox(staffToken, Map.of("Search", "!")))).containsExactly(bang);
        assertThat(ids(inbox(staffToken, Map.of("Search", "!%")))).isEmpty();
    }

    @Test
    void searchAppliesToTheThreadsAskedForById() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String towels = thread(integration, "Guest", "Towels");
        String parking = thread(integration, "Guest", "Parking");
        thread(integration, "Guest", "More towels");

        JsonNode inbox = inbox(staffToken(integration),
                Map.of("Search", "towels", "MessageThreadIds", List.of(towels, parking)));

        assertThat(ids(inbox)).containsExactly(towels);
    }

    @Test
    void searchOf255CharactersIsAcceptedAndMatches() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String subject = "x".repeat(255);
        String threadId = thread(integration, "Guest", subject);

        assertThat(ids(inbox(staffToken(integration), Map.of("Search", subject.toUpperCase()))))
                .containsExactly(threadId);
    }

    @Test
    void searchOfMoreThan255CharactersIsRejectedNamingSearch() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        assertThat(getAll(staffToken, Map.of("Search", "x".repeat(256)))).isBadRequestNaming("Search");
    }

    @Test
    void anEmptyOrNonStringSearchIsRejectedNamingSearch() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        assertThat(getAll(staffToken, Map.of("Search", ""))).isBadRequestNaming("Search");
        assertThat(getAll(staffToken, Map.of("Search", "   "))).isBadRequestNaming("Search");
        assertThat(getAll(staffToken, Map.of("Search", List.of("a")))).isBadRequestNaming("Search");
    }

    @Test
    void searchCombinesWithIsResolvedOrderAndTheCursor() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String staffToken = staffToken(integration);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.addFirst(thread(integration, "Guest", "Towels " + i));
        }
        String resolved = thread(integration, "Guest", "Towels again");
        thread(integration, "Guest", "Parking");
        tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(resolved), "IsResolved", true));
        Map<String, Object> filters = Map.of("Search", "towels", "IsResolved", false, "Order", "UpdatedUtc");

        JsonNode first = firstPage(staffToken, filters);
        JsonNode second = pageAfter(staffToken, filters, first);

        assertThat(ids(first)).containsExactlyElementsOf(open.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(open.subList(2, 3));
    }

    // --- abuse

    @Test
    void aHostileTenantsSearchNeverMatchesAnotherHotelsThreads() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String ourThread = thread(ours, "Guest", "Secret plans");
        thread(theirs, "Secret Guest", "Secret plans");
        String hostile = staffToken(ours);

        for (String search : List.of("Secret", "%", "_", "\\", "' OR 1=1 --", "s")) {
            for (String order : List.of("CreatedUtc", "UpdatedUtc")) {
                JsonNode inbox = inbox(hostile, Map.of("Search", search, "Order", order));
                assertThat(ids(inbox)).as(search + " by " + order).isSubsetOf(ourThread);
            }
        }
        assertThat(ids(inbox(hostile, Map.of("Search", "secret")))).containsExactly(ourThread);
    }

    @Test
    void anotherHotelsThreadCannotBeTheCursorOfAnOrderedSearch() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        thread(ours, "Guest", "Question");
        String theirThread = thread(theirs, "Guest", "Question");

        ApiResponse response = getAll(staffToken(ours), Map.of("Search", "question", "Order", "UpdatedUtc",
                "Limitation", Map.of("Count", 10, "Cursor", theirThread)));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    // --- helpers

    private String staffToken(Tenants.Integration integration) {
        return tenants.staffToken(integration.enterpriseId());
    }

    private String seed(Tenants.Integration integration, Instant created, Instant updated) {
        return tenants.seedThread(integration, integration.enterpriseId(), created, updated).id().toString();
    }

    private String thread(Tenants.Integration integration, String originalSender, String subject) {
        return tenants.addThread(integration, "OriginalSender", originalSender, "Subject", subject)
                .path("Id").asText();
    }

    private ApiResponse getAll(String staffToken, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("Limitation", Map.of("Count", 100));
        return tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, body);
    }

    private JsonNode inbox(String staffToken, Map<String, Object> filters) {
        ApiResponse response = getAll(staffToken, filters);
        assertThat(response).isOk();
        return response.json();
    }

    /** The first page of two threads. */
    private JsonNode firstPage(String staffToken, Map<String, Object> filters) {
        return page(staffToken, filters, 2, null);
    }

    /** The page of two threads after {@code previous}, by its cursor. */
    private JsonNode pageAfter(String staffToken, Map<String, Object> filters, JsonNode previous) {
        return page(staffToken, filters, 2, previous.path("Cursor").asText());
    }

    private JsonNode page(String staffToken, Map<String, Object> filters, int count, String cursor) {
        Map<String, Object> limitation = new HashMap<>(Map.of("Count", count));
        if (cursor != null) {
            limitation.put("Cursor", cursor);
        }
        Map<String, Object> body = new HashMap<>(filters);
        body.put("Limitation", limitation);
        return inbox(staffToken, body);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("MessageThreads").forEach(thread -> ids.add(thread.path("Id").asText()));
        return ids;
    }
}
