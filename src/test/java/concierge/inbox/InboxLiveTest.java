package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Issue 12: the inbox's list (order, filter, search, paging) and what arrives live, without a reload. */
@Tag("slow")
class InboxLiveTest extends InboxInABrowserTest {

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    @Override
    Browser.PerClass classBrowser() {
        return oneBrowser;
    }

    @Test
    void aMessageTheAppAddsAppearsInTheOpenConversationAndMovesItsThreadToTheTopWithoutAReload() {
        String older = tenants.addThread(app, "Subject", "Older thread").path("Id").asText();
        tenants.addThread(app, "Subject", "Newer thread");
        inbox.signedIn(staffToken).openThread("Older thread");
        assertThat(inbox.threads().getFirst()).contains("Newer thread");
        browser.script("window.notReloaded = true");

        tenants.addMessages(app, older, "Is the spa open?");

        inbox.message("Is the spa open?");
        browser.waitFor(() -> inbox.threads().getFirst().contains("Older thread"), "the thread at the top");
        assertThat(browser.script("return window.notReloaded")).isEqualTo(true);
    }

    @Test
    void aReplyAndAResolveDoneElsewhereArriveInTheOpenConversation() {
        String threadId = tenants.addThread(app, "Subject", "Room service").path("Id").asText();
        inbox.signedIn(staffToken).openThread("Room service");

        tenants.staff(staffToken, ApiPaths.Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Sent from another tab"))));
        assertThat(inbox.message("Sent from another tab").getText()).contains("Hotel");
        tenants.staff(staffToken, ApiPaths.Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true));

        browser.button("Reopen");
    }

    @Test
    void theListShowsUnresolvedThreadsByDefaultAndTheFilterChoosesResolvedOrAll() {
        tenants.addThread(app, "Subject", "Still open");
        String done = tenants.addThread(app, "Subject", "Already done").path("Id").asText();
        tenants.staff(staffToken, ApiPaths.Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(done), "IsResolved", true));

        inbox.signedIn(staffToken).thread("Still open");
        assertThat(inbox.threads()).hasSize(1);
        inbox.show("Resolved");
        browser.waitFor(() -> inbox.threads().size() == 1 && inbox.threads().getFirst().contains("Already done"),
                "only the resolved thread");
        inbox.show("All");
        browser.waitFor(() -> inbox.threads().size() == 2, "both threads");
    }

    @Test
    void theSearchKeepsThreadsWhoseSubjectOrSenderContainsIt() {
        tenants.addThread(app, "Subject", "Parking question", "OriginalSender", "Ann Lee");
        tenants.addThread(app, "Subject", "Late arrival", "OriginalSender", "Bob PARKer");
        tenants.addThread(app, "Subject", "Towels", "OriginalSender", "Cleo Moss");
        inbox.signedIn(staffToken).thread("Towels");

        inbox.search("park");

        browser.waitFor(() -> inbox.threads().size() == 2, "the two threads that mention park");
        assertThat(String.join("\n", inbox.threads())).contains("Parking question").contains("Late arrival")
                .doesNotContain("Towels");
    }

    @Test
    void scrollingTheListLoadsTheNextPagesWithoutRepeatingAThread() {
        tenants.seedThreads(app, 120, Instant.parse("2026-01-01T00:00:00Z"), 60);
        inbox.signedIn(staffToken);
        browser.waitFor(() -> inbox.threads().size() == 50, "the first page");

        for (int shown = 50; shown < 120; shown = inbox.threads().size()) {
            int before = shown;
            browser.script("const list = arguments[0]; list.scrollTop = list.scrollHeight;",
                    browser.driver().findElement(By.id("threads-scroll")));
            browser.waitFor(() -> inbox.threads().size() > before, "the page after " + before + " threads");
        }

        List<String> ids = browser.list("Threads").findElements(By.xpath("./li")).stream()
                .map(item -> item.getDomAttribute("data-thread-id")).toList();
        assertThat(ids).hasSize(120);
        assertThat(new HashSet<>(ids)).hasSize(120);
    }
}
