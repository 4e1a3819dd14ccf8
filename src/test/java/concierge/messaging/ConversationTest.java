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
import org.junit.jupiter.api.Test;

/**
 * A whole conversation, as the issue tells it: the app opens a thread for a guest, hotel staff
 * answer and resolve it, the guest writes again, and the app reads everything back page by page.
 */
class ConversationTest extends OnBothEngines {

    @Test
    void guestAndStaffConverseAndTheAppReadsItAllBack() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String staff = tenants.staffToken(app.enterpriseId());

        // The app opens a thread on the guest's behalf and adds the guest's first message.
        JsonNode opened = connectorOk(app, Connector.MESSAGE_THREADS_ADD,
                "OriginalSender", "John Doe", "Subject", "Late check-in");
        String threadId = opened.path("MessageThreads").get(0).path("Id").asText();
        assertThat(opened.path("MessageThreads").get(0).path("IsResolved").asBoolean()).isFalse();
        JsonNode guestFirst = connectorOk(app, Connector.MESSAGES_ADD, "Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "We arrive at 2 am, is that ok?",
                        "Identifier", "guest-1")));
        assertThat(guestFirst.path("Messages").get(0).path("Identifier").asText()).isEqualTo("guest-1");

        // Staff see it in their inbox, with the app that opened it, and reply.
        JsonNode inbox = staffOk(staff, Staff.MESSAGE_THREADS_GET_ALL, Map.of("IsResolved", false,
                "Limitation", Map.of("Count", 10)));
        assertThat(inbox.path("MessageThreads")).hasSize(1);
        assertThat(inbox.path("MessageThreads").get(0).path("Id").asText()).isEqualTo(threadId);
        assertThat(inbox.path("MessageThreads").get(0).path("ClientId").asText())
                .isEqualTo(app.client().id().toString());
        assertThat(inbox.path("MessageThreads").get(0).path("Subject").asText()).isEqualTo("Late check-in");
        JsonNode staffRead = staffOk(staff, Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));
        assertThat(texts(staffRead)).containsExactly("We arrive at 2 am, is that ok?");
        JsonNode staffReply = staffOk(staff, Staff.MESSAGES_ADD, Map.of("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Yes, the night desk is open."))));
        assertThat(staffReply.path("Messages").get(0).path("Message").path("Sender").path("Discriminator").asText())
                .isEqualTo("Enterprise");

        // Staff resolve the thread; the inbox of open threads is empty, the resolved one holds it.
        JsonNode resolved = staffOk(staff, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true));
        assertThat(resolved.path("MessageThreads").get(0).path("IsResolved").asBoolean()).isTrue();
        assertThat(staffOk(staff, Staff.MESSAGE_THREADS_GET_ALL, Map.of("IsResolved", false,
                "Limitation", Map.of("Count", 10))).path("MessageThreads")).isEmpty();
        assertThat(isResolved(app, threadId)).isTrue();

        // The guest writes again, which reopens the thread for staff and for the app.
        connectorOk(app, Connector.MESSAGES_ADD, "Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Great, and can we park there?"),
                        Map.of("MessageThreadId", threadId, "Text", "We have a van.")));
        assertThat(isResolved(app, threadId)).isFalse();
        JsonNode reopenedInbox = staffOk(staff, Staff.MESSAGE_THREADS_GET_ALL, Map.of("IsResolved", false,
                "Limitation", Map.of("Count", 10)));
        assertThat(reopenedInbox.path("MessageThreads").get(0).path("Id").asText()).isEqualTo(threadId);
        staffOk(staff, Staff.MESSAGES_ADD, Map.of("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Yes, there is room for a van."))));

        // The app pages through the whole conversation, newest first, two at a time.
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 10; pages++) {
            Map<String, Object> limitation = new HashMap<>(Map.of("Count", 2));
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            JsonNode page = connectorOk(app, Connector.MESSAGES_GET_ALL,
                    "MessageThreadIds", List.of(threadId), "Limitation", limitation);
            if (page.path("Messages").isEmpty()) {
                assertThat(page.path("Cursor").isNull()).isTrue();
                break;
            }
            page.path("Messages").forEach(all::add);
            cursor = page.path("Cursor").asText();
        }
        assertThat(all).extracting(message -> message.path("Text").asText()).containsExactly(
                "Yes, there is room for a van.",
                "We have a van.",
                "Great, and can we park there?",
                "Yes, the night desk is open.",
                "We arrive at 2 am, is that ok?");
        assertThat(all).extracting(message -> message.path("Sender").path("Discriminator").asText()).containsExactly(
                "Enterprise", "Application", "Application", "Enterprise", "Application");
        assertThat(all).extracting(message -> message.path("MessageThreadId").asText()).containsOnly(threadId);
        assertThat(all.get(4)).isEqualTo(guestFirst.path("Messages").get(0).path("Message"));
        assertThat(all.get(3)).isEqualTo(staffReply.path("Messages").get(0).path("Message"));
    }

    @Test
    void anotherClientInTheSameEnterpriseSeesNothingOfTheConversation() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        Tenants.Integration otherApp = tenants.integration(tenants.client(), app.enterpriseId());
        String staff = tenants.staffToken(app.enterpriseId());
        String threadId = tenants.addThread(app).path("Id").asText();
        String guestMessage = tenants.addMessages(app, threadId, "Private question").getFirst().path("Id").asText();
        staffOk(staff, Staff.MESSAGES_ADD, Map.of("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Private answer"))));

        JsonNode threadsById = connectorOk(otherApp, Connector.MESSAGE_THREADS_GET_ALL,
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10));
        JsonNode threadsByTime = connectorOk(otherApp, Connector.MESSAGE_THREADS_GET_ALL,
                "UpdatedUtc", Map.of("StartUtc", Instant.now().minusSeconds(86_400).toString(),
                        "EndUtc", Instant.now().plusSeconds(86_400).toString()),
                "Limitation", Map.of("Count", 10));
        JsonNode messages = connectorOk(otherApp, Connector.MESSAGES_GET_ALL,
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10));
        ApiResponse cursor = tenants.api().post(Connector.MESSAGES_GET_ALL, otherApp.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10, "Cursor", guestMessage)));
        ApiResponse write = tenants.api().post(Connector.MESSAGES_ADD, otherApp.body(
                "Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Let me in"))));

        assertThat(threadsById.path("MessageThreads")).isEmpty();
        assertThat(threadsByTime.path("MessageThreads")).isEmpty();
        assertThat(messages.path("Messages")).isEmpty();
        assertThat(cursor).hasStatus(400);
        assertThat(write).hasStatus(400);
        assertThat(texts(connectorOk(app, Connector.MESSAGES_GET_ALL, "MessageThreadIds", List.of(threadId),
                "Limitation", Map.of("Count", 10)))).containsExactly("Private answer", "Private question");
    }

    @Test
    void anotherEnterprisesStaffSeeNothingOfTheConversation() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String otherStaff = tenants.staffToken(tenants.enterprise());
        String threadId = tenants.addThread(app).path("Id").asText();
        tenants.addMessages(app, threadId, "Private question");

        JsonNode inbox = staffOk(otherStaff, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 1000)));
        JsonNode messages = staffOk(otherStaff, Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));
        ApiResponse reply = tenants.staff(otherStaff, Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Hi"))));
        ApiResponse resolve = tenants.staff(otherStaff, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true));

        assertThat(inbox.path("MessageThreads")).isEmpty();
        assertThat(messages.path("Messages")).isEmpty();
        assertThat(reply).hasStatus(400);
        assertThat(resolve).hasStatus(400);
        assertThat(isResolved(app, threadId)).isFalse();
    }

    private JsonNode connectorOk(Tenants.Integration integration, String path, Object... namesAndValues) {
        ApiResponse response = tenants.api().post(path, integration.body(namesAndValues));
        assertThat(response).isOk();
        return response.json();
    }

    private JsonNode staffOk(String staffToken, String path, Object body) {
        ApiResponse response = tenants.staff(staffToken, path, body);
        assertThat(response).isOk();
        return response.json();
    }

    private boolean isResolved(Tenants.Integration app, String threadId) {
        JsonNode threads = connectorOk(app, Connector.MESSAGE_THREADS_GET_ALL,
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)).path("MessageThreads");
        assertThat(threads).hasSize(1);
        return threads.get(0).path("IsResolved").asBoolean();
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.path("Messages").forEach(message -> texts.add(message.path("Text").asText()));
        return texts;
    }
}
