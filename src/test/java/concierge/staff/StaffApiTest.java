package concierge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hotel's side (spec §3 Staff API): bearer staff tokens, the inbox, replies, resolve and reopen. */
class StaffApiTest extends OnBothEngines {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    // --- authentication (a missing or unknown bearer: http/EveryOperationTest)

    @Test
    void staffTokenInAnotherSchemeIsUnauthorized() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.api().post(Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10)), "Authorization", "Basic " + staffToken);

        assertThat(response).isUnauthorized();
    }

    @Test
    void connectorTokensAreNotStaffTokens() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse withAccessToken = tenants.staff(integration.accessToken(), Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10)));
        ApiResponse withClientToken = tenants.staff(integration.client().clientToken(), Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10)));

        assertThat(withAccessToken).isUnauthorized();
        assertThat(withClientToken).isUnauthorized();
    }

    @Test
    void adminTokenIsNotAStaffToken() {
        ApiResponse response = tenants.staff(TestServers.ADMIN_TOKEN, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10)));

        assertThat(response).isUnauthorized();
    }

    @Test
    void staffTokenIsNotAConnectorToken() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(integration.enterpriseId());
        Map<String, Object> asAccessToken = integration.body("OriginalSender", "Guest", "Subject", "Question");
        asAccessToken.put("AccessToken", staffToken);
        Map<String, Object> asBoth = new HashMap<>(asAccessToken);
        asBoth.put("ClientToken", staffToken);

        ApiResponse first = tenants.api().post(Connector.MESSAGE_THREADS_ADD, asAccessToken);
        ApiResponse second = tenants.api().post(Connector.MESSAGE_THREADS_ADD, asBoth);

        assertThat(first).isUnauthorized();
        assertThat(second).isUnauthorized();
    }

    @Test
    void staffTokenIsNotAnAdminToken() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.api().post(Admin.ENTERPRISES_ADD,
                Map.of("Enterprises", List.of(Map.of("Name", "Sneaky"))), "Authorization", "Bearer " + staffToken);

        assertThat(response).isUnauthorized();
    }

    // --- the inbox

    @Test
    void inboxListsEveryThreadOfTheEnterpriseNewestFirstWithClientId() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration first = tenants.integration(tenants.client(), enterprise);
        Tenants.Integration second = tenants.integration(tenants.client(), enterprise);
        List<String> created = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Tenants.Integration by = i % 2 == 0 ? first : second;
            created.add(tenants.addThread(by).path("Id").asText());
            clients.add(by.client().id().toString());
        }

        JsonNode inbox = inbox(tenants.staffToken(enterprise), Map.of());

        assertThat(values(inbox, "Id")).containsExactlyElementsOf(created.reversed());
        assertThat(values(inbox, "ClientId")).containsExactlyElementsOf(clients.reversed());
        assertThat(inbox.path("Cursor").asText()).isEqualTo(created.getFirst());
    }

    @Test
    void inboxOrdersByCreatedUtcNotByUpdatedUtc() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration integration = tenants.integration(tenants.client(), enterprise);
        var older = tenants.seedThread(integration, enterprise, LONG_AGO, LONG_AGO.plusSeconds(999));
        var newer = tenants.seedThread(integration, enterprise, LONG_AGO.plusSeconds(10), LONG_AGO.plusSeconds(10));

        JsonNode inbox = inbox(tenants.staffToken(enterprise), Map.of());

        assertThat(values(inbox, "Id")).containsExactly(newer.id().toString(), older.id().toString());
    }

    @Test
    void inboxPagesWithTheCursor() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration integration = tenants.integration(tenants.client(), enterprise);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(tenants.addThread(integration).path("Id").asText());
        }
        String staffToken = tenants.staffToken(enterprise);

        JsonNode firstPage = staffOk(staffToken, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 2)));
        JsonNode secondPage = staffOk(staffToken, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 2, "Cursor", firstPage.path("Cursor").asText())));

        assertThat(values(firstPage, "Id")).containsExactly(created.get(2), created.get(1));
        assertThat(values(secondPage, "Id")).containsExactly(created.get(0));
    }

    @Test
    void inboxAcceptsItsOwnEnterpriseInEnterpriseIds() {
        UUID enterprise = tenants.enterprise();
        String thread = tenants.addThread(tenants.integration(tenants.client(), enterprise)).path("Id").asText();

        JsonNode inbox = staffOk(tenants.staffToken(enterprise), Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("EnterpriseIds", List.of(enterprise.toString()), "Limitation", Map.of("Count", 10)));

        assertThat(values(inbox, "Id")).containsExactly(thread);
    }

    @Test
    void enterpriseIdsOutsideTheStaffsEnterpriseAreRejectedNamingTheIndex() {
        UUID enterprise = tenants.enterprise();
        String staffToken = tenants.staffToken(enterprise);
        String thread = tenants.addThread(tenants.integration(tenants.client(), enterprise)).path("Id").asText();
        List<String> ownThenOther = List.of(enterprise.toString(), tenants.enterprise().toString());

        ApiResponse threads = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("EnterpriseIds", ownThenOther, "Limitation", Map.of("Count", 10)));
        ApiResponse messages = tenants.staff(staffToken, Staff.MESSAGES_GET_ALL, Map.of("EnterpriseIds", ownThenOther,
                "MessageThreadIds", List.of(thread), "Limitation", Map.of("Count", 10)));

        assertThat(threads).isBadRequestNaming("EnterpriseIds[1]");
        assertThat(messages).isBadRequestNaming("EnterpriseIds[1]");
    }

    @Test
    void emptyEnterpriseIdsAreRejected() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("EnterpriseIds", List.of(), "Limitation", Map.of("Count", 10)));

        assertThat(response).isBadRequestNaming("EnterpriseIds");
    }

    @Test
    void isResolvedFilterTrueFalseOrNull() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration integration = tenants.integration(tenants.client(), enterprise);
        String open = tenants.addThread(integration).path("Id").asText();
        String resolved = tenants.addThread(integration).path("Id").asText();
        String alsoOpen = tenants.addThread(integration).path("Id").asText();
        String staffToken = tenants.staffToken(enterprise);
        resolve(staffToken, List.of(resolved), true);
        Map<String, Object> isNull = new HashMap<>();
        isNull.put("IsResolved", null);

        assertThat(values(inbox(staffToken, Map.of("IsResolved", true)), "Id")).containsExactly(resolved);
        assertThat(values(inbox(staffToken, Map.of("IsResolved", false)), "Id")).containsExactly(alsoOpen, open);
        assertThat(values(inbox(staffToken, isNull), "Id")).containsExactly(alsoOpen, resolved, open);
        assertThat(values(inbox(staffToken, Map.of()), "Id")).containsExactly(alsoOpen, resolved, open);
    }

    @Test
    void isResolvedFilterMustBeABoolean() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("IsResolved", "yes", "Limitation", Map.of("Count", 10)));

        assertThat(response).isBadRequestNaming("IsResolved");
    }

    @Test
    void inboxNeedsALimitation() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, Map.of());

        assertThat(response).isBadRequestNaming("Limitation");
    }

    // --- isolation between enterprises

    @Test
    void inboxNeverListsAnotherEnterprisesThreads() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String ourThread = tenants.addThread(ours).path("Id").asText();
        tenants.addThread(theirs);

        JsonNode inbox = inbox(tenants.staffToken(ours.enterpriseId()), Map.of());

        assertThat(values(inbox, "Id")).containsExactly(ourThread);
    }

    @Test
    void anotherEnterprisesThreadIsNotFoundById() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String theirThread = tenants.addThread(theirs).path("Id").asText();

        JsonNode inbox = inbox(tenants.staffToken(ours.enterpriseId()),
                Map.of("MessageThreadIds", List.of(theirThread)));

        assertThat(inbox.path("MessageThreads")).isEmpty();
    }

    @Test
    void anotherEnterprisesMessagesAreNotReturned() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String theirThread = tenants.addThread(theirs).path("Id").asText();
        tenants.addMessages(theirs, theirThread, "private");

        JsonNode messages = staffOk(tenants.staffToken(ours.enterpriseId()), Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(theirThread), "Limitation", Map.of("Count", 10)));

        assertThat(messages.path("Messages")).isEmpty();
    }

    @Test
    void anotherEnterprisesMessageCannotBeACursor() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String ourThread = tenants.addThread(ours).path("Id").asText();
        String theirThread = tenants.addThread(theirs).path("Id").asText();
        String theirMessage = tenants.addMessages(theirs, theirThread, "private").getFirst().path("Id").asText();

        ApiResponse response = tenants.staff(tenants.staffToken(ours.enterpriseId()), Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(ourThread),
                        "Limitation", Map.of("Count", 10, "Cursor", theirMessage)));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    @Test
    void staffCannotReplyInAnotherEnterprisesThread() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String ourThread = tenants.addThread(ours).path("Id").asText();
        String theirThread = tenants.addThread(theirs).path("Id").asText();
        String staffToken = tenants.staffToken(ours.enterpriseId());

        ApiResponse response = reply(staffToken, reply(ourThread, "ok"), reply(theirThread, "intrusion"));

        assertThat(response).isBadRequestNaming("Messages[1].MessageThreadId");
        assertThat(appMessages(theirs, theirThread)).isEmpty();
        assertThat(appMessages(ours, ourThread)).isEmpty();
    }

    // --- messages

    @Test
    void staffReadMessagesOfEveryClientsThreadsInTheEnterprise() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration first = tenants.integration(tenants.client(), enterprise);
        Tenants.Integration second = tenants.integration(tenants.client(), enterprise);
        String firstThread = tenants.addThread(first).path("Id").asText();
        String secondThread = tenants.addThread(second).path("Id").asText();
        tenants.addMessages(first, firstThread, "from the first app");
        tenants.addMessages(second, secondThread, "from the second app");

        JsonNode messages = staffOk(tenants.staffToken(enterprise), Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(firstThread, secondThread), "Limitation", Map.of("Count", 10)));

        assertThat(values(messages, "Text")).containsExactly("from the second app", "from the first app");
    }

    @Test
    void staffMessagesNeedThreadIds() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGES_GET_ALL, Map.of("Limitation", Map.of("Count", 10)));

        assertThat(response).isBadRequestNaming("MessageThreadIds");
    }

    @Test
    void staffReplyHasSenderEnterpriseAndReachesTheApp() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        ApiResponse response = reply(tenants.staffToken(integration.enterpriseId()),
                replyWithIdentifier(threadId, "Yes, breakfast is included.", "staff-1"));

        assertThat(response).isOk();
        JsonNode added = response.json().path("Messages").get(0);
        assertThat(added.path("Identifier").asText()).isEqualTo("staff-1");
        JsonNode sender = added.path("Message").path("Sender");
        assertThat(sender.path("Discriminator").asText()).isEqualTo("Enterprise");
        assertThat(sender.has("Value") && sender.path("Value").isNull()).as(sender.toString()).isTrue();
        assertThat(appMessages(integration, threadId)).containsExactly(added.path("Message"));
    }

    @Test
    void staffRepliesComeBackInRequestOrder() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        ApiResponse response = reply(tenants.staffToken(integration.enterpriseId()),
                reply(threadId, "one"), reply(threadId, "two"), reply(threadId, "three"));

        assertThat(response).isOk();
        List<String> texts = new ArrayList<>();
        response.json().path("Messages").forEach(added -> texts.add(added.path("Message").path("Text").asText()));
        assertThat(texts).containsExactly("one", "two", "three");
        assertThat(values(appMessagesPage(integration, threadId), "Text")).containsExactly("three", "two", "one");
    }

    @Test
    void staffReplyWithEmptyTextIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        ApiResponse response = reply(tenants.staffToken(integration.enterpriseId()),
                reply(threadId, "fine"), reply(threadId, ""));

        assertThat(response).isBadRequestNaming("Messages[1].Text");
        assertThat(appMessages(integration, threadId)).isEmpty();
    }

    @Test
    void staffReplyDoesNotReopenAResolvedThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String staffToken = tenants.staffToken(integration.enterpriseId());
        resolve(staffToken, List.of(threadId), true);

        reply(staffToken, reply(threadId, "One more thing: checkout is at 11."));

        assertThat(staffThread(staffToken, threadId).path("IsResolved").asBoolean()).isTrue();
    }

    @Test
    void staffReplyDoesNotResolveAnOpenThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String staffToken = tenants.staffToken(integration.enterpriseId());

        reply(staffToken, reply(threadId, "We are looking into it."));

        assertThat(staffThread(staffToken, threadId).path("IsResolved").isBoolean()).isTrue();
        assertThat(staffThread(staffToken, threadId).path("IsResolved").asBoolean()).isFalse();
    }

    @Test
    void staffReplyMovesTheThreadsUpdatedUtc() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seededThread(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());

        ApiResponse response = reply(staffToken, reply(threadId, "Hello"));

        String created = response.json().path("Messages").get(0).path("Message").path("CreatedUtc").asText();
        JsonNode thread = staffThread(staffToken, threadId);
        assertThat(thread.path("UpdatedUtc").asText()).isEqualTo(created);
        assertThat(thread.path("CreatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    // --- resolve and reopen

    @Test
    void resolveReturnsTheUpdatedThreads() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seededThread(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());

        ApiResponse response = resolve(staffToken, List.of(threadId), true);

        assertThat(response).isOk();
        JsonNode threads = response.json().path("MessageThreads");
        assertThat(threads).hasSize(1);
        JsonNode thread = threads.get(0);
        assertThat(thread.path("Id").asText()).isEqualTo(threadId);
        assertThat(thread.path("ClientId").asText()).isEqualTo(integration.client().id().toString());
        assertThat(thread.path("IsResolved").asBoolean()).isTrue();
        assertThat(Instant.parse(thread.path("UpdatedUtc").asText())).isAfter(LONG_AGO);
        assertThat(thread.path("CreatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(staffThread(staffToken, threadId)).isEqualTo(thread);
    }

    @Test
    void reopenReturnsTheUpdatedThreads() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seededThread(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());
        resolve(staffToken, List.of(threadId), true);

        ApiResponse response = resolve(staffToken, List.of(threadId), false);

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(thread.path("IsResolved").isBoolean()).isTrue();
        assertThat(thread.path("IsResolved").asBoolean()).isFalse();
        assertThat(Instant.parse(thread.path("UpdatedUtc").asText())).isAfter(LONG_AGO);
        assertThat(staffThread(staffToken, threadId)).isEqualTo(thread);
    }

    @Test
    void resolveIsSeenByTheApp() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        resolve(tenants.staffToken(integration.enterpriseId()), List.of(threadId), true);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response.json().path("MessageThreads").get(0).path("IsResolved").asBoolean()).isTrue();
    }

    @Test
    void resolveReturnsThreadsInRequestOrder() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration integration = tenants.integration(tenants.client(), enterprise);
        String a = tenants.addThread(integration).path("Id").asText();
        String b = tenants.addThread(integration).path("Id").asText();
        String c = tenants.addThread(integration).path("Id").asText();

        ApiResponse response = resolve(tenants.staffToken(enterprise), List.of(b, c, a), true);

        assertThat(response).isOk();
        assertThat(values(response.json(), "Id")).containsExactly(b, c, a);
    }

    @Test
    void resolveWithAnotherEnterprisesThreadChangesNothing() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        String ourThread = seededThread(ours);
        String theirThread = seededThread(theirs);
        String staffToken = tenants.staffToken(ours.enterpriseId());

        ApiResponse response = resolve(staffToken, List.of(ourThread, theirThread), true);

        assertThat(response).isBadRequestNaming("MessageThreadIds[1]");
        JsonNode ourState = staffThread(staffToken, ourThread);
        assertThat(ourState.path("IsResolved").asBoolean()).isFalse();
        assertThat(ourState.path("UpdatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
        JsonNode theirState = staffThread(tenants.staffToken(theirs.enterpriseId()), theirThread);
        assertThat(theirState.path("IsResolved").asBoolean()).isFalse();
        assertThat(theirState.path("UpdatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void resolveWithAnUnknownThreadChangesNothing() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seededThread(integration);
        String staffToken = tenants.staffToken(integration.enterpriseId());

        ApiResponse response = resolve(staffToken, List.of(UUID.randomUUID().toString(), threadId), true);

        assertThat(response).isBadRequestNaming("MessageThreadIds[0]");
        JsonNode state = staffThread(staffToken, threadId);
        assertThat(state.path("IsResolved").asBoolean()).isFalse();
        assertThat(state.path("UpdatedUtc").asText()).isEqualTo("2020-01-01T00:00:00Z");
    }

    @Test
    void resolveNeedsIsResolved() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        ApiResponse response = tenants.staff(tenants.staffToken(integration.enterpriseId()), Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId)));

        assertThat(response).isBadRequestNaming("IsResolved");
    }

    @Test
    void resolveWithNullIsResolvedIsRejected() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        Map<String, Object> body = new HashMap<>();
        body.put("MessageThreadIds", List.of(threadId));
        body.put("IsResolved", null);

        ApiResponse response = tenants.staff(tenants.staffToken(integration.enterpriseId()), Staff.MESSAGE_THREADS_RESOLVE,
                body);

        assertThat(response).isBadRequestNaming("IsResolved");
    }

    @Test
    void resolveNeedsThreadIds() {
        String staffToken = tenants.staffToken(tenants.enterprise());

        ApiResponse empty = tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(), "IsResolved", true));
        ApiResponse missing = tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE, Map.of("IsResolved", true));

        assertThat(empty).isBadRequestNaming("MessageThreadIds");
        assertThat(missing).isBadRequestNaming("MessageThreadIds");
    }

    @Test
    void resolvingTwiceKeepsTheThreadResolved() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String staffToken = tenants.staffToken(integration.enterpriseId());

        resolve(staffToken, List.of(threadId), true);
        ApiResponse again = resolve(staffToken, List.of(threadId, threadId), true);

        assertThat(again).isOk();
        assertThat(values(again.json(), "IsResolved")).containsExactly("true");
    }

    @Test
    void reopeningAThreadThatIsAlreadyOpenStillMovesUpdatedUtc() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = seededThread(integration);

        ApiResponse response = resolve(tenants.staffToken(integration.enterpriseId()), List.of(threadId), false);

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(thread.path("IsResolved").asBoolean()).isFalse();
        assertThat(Instant.parse(thread.path("UpdatedUtc").asText())).isAfter(LONG_AGO);
    }

    // --- helpers

    private String seededThread(Tenants.Integration integration) {
        return tenants.seedThread(integration, integration.enterpriseId(), LONG_AGO, LONG_AGO).id().toString();
    }

    private JsonNode inbox(String staffToken, Map<String, Object> filters) {
        Map<String, Object> body = new HashMap<>(filters);
        body.put("Limitation", Map.of("Count", 100));
        return staffOk(staffToken, Staff.MESSAGE_THREADS_GET_ALL, body);
    }

    private JsonNode staffThread(String staffToken, String threadId) {
        JsonNode inbox = inbox(staffToken, Map.of("MessageThreadIds", List.of(threadId)));
        assertThat(inbox.path("MessageThreads")).as(inbox.toString()).hasSize(1);
        return inbox.path("MessageThreads").get(0);
    }

    private JsonNode staffOk(String staffToken, String path, Object body) {
        ApiResponse response = tenants.staff(staffToken, path, body);
        assertThat(response).isOk();
        return response.json();
    }

    private ApiResponse resolve(String staffToken, List<String> threadIds, boolean resolved) {
        return tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", threadIds, "IsResolved", resolved));
    }

    @SafeVarargs
    private ApiResponse reply(String staffToken, Map<String, Object>... items) {
        return tenants.staff(staffToken, Staff.MESSAGES_ADD, Map.of("Messages", List.of(items)));
    }

    private static Map<String, Object> reply(String threadId, String text) {
        return Map.of("MessageThreadId", threadId, "Text", text);
    }

    private static Map<String, Object> replyWithIdentifier(String threadId, String text, String identifier) {
        return Map.of("MessageThreadId", threadId, "Text", text, "Identifier", identifier);
    }

    private JsonNode appMessagesPage(Tenants.Integration integration, String threadId) {
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 100)));
        assertThat(response).isOk();
        return response.json();
    }

    private JsonNode appMessages(Tenants.Integration integration, String threadId) {
        return appMessagesPage(integration, threadId).path("Messages");
    }

    /** The named property of every item of the page's (only) array: MessageThreads or Messages. */
    private static List<String> values(JsonNode page, String property) {
        JsonNode items = page.has("MessageThreads") ? page.path("MessageThreads") : page.path("Messages");
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(property).asText()));
        return values;
    }


}
