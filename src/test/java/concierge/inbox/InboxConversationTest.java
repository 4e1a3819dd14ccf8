package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import concierge.testing.InboxPage;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 12: a whole conversation between a guest app (the Connector API) and staff in the inbox, on both engines. */
@Tag("slow")
class InboxConversationTest extends OnBothEngines {

    @Test
    void anAppAndStaffInTheInboxHoldAWholeConversation() {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        String threadId = tenants.addThread(app, "Subject", "Towels", "OriginalSender", "Ann Lee").path("Id").asText();
        tenants.addMessages(app, threadId, "Two more towels, please.");

        try (Browser browser = Browser.open()) {
            InboxPage inbox = new InboxPage(browser, server()).signedIn(staffToken);
            assertThat(inbox.thread("Towels").getText()).contains("Ann Lee").contains("Unresolved");
            inbox.openThread("Towels");
            assertThat(inbox.message("Two more towels, please.").getText()).contains("Guest app");

            inbox.replyWithEnter("On their way!");
            assertThat(inbox.message("On their way!").getText()).contains("Hotel");
            assertThat(inbox.replyBox().getDomProperty("value")).isEmpty();
            browser.button("Resolve").click();
            browser.button("Reopen");

            assertThat(appMessages(app, threadId)).anySatisfy(message -> {
                assertThat(message.path("Text").asText()).isEqualTo("On their way!");
                assertThat(message.path("Sender").path("Discriminator").asText()).isEqualTo("Enterprise");
            });
            assertThat(staffThread(staffToken, threadId).path("IsResolved").asBoolean()).isTrue();

            tenants.addMessages(app, threadId, "And a pillow.");
            inbox.message("And a pillow.");
            browser.button("Resolve");
            assertThat(inbox.messages()).hasSize(3);
            assertThat(inbox.messages().getFirst()).contains("Two more towels, please.");
            assertThat(inbox.messages().getLast()).contains("And a pillow.");
        }
    }

    private List<JsonNode> appMessages(Tenants.Integration app, String threadId) {
        ApiClient.ApiResponse response = tenants.api().post(ApiPaths.Connector.MESSAGES_GET_ALL,
                app.body("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 100)));
        assertThat(response).isOk();
        return response.json().path("Messages").valueStream().toList();
    }

    private JsonNode staffThread(String staffToken, String threadId) {
        ApiClient.ApiResponse response = tenants.staff(staffToken, ApiPaths.Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        return response.json().path("MessageThreads").get(0);
    }
}
