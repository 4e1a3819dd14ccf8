package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.LoggedRequests;
import concierge.testing.OnH2;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import concierge.testing.Tenants.Integration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The console's Requests filtered by operation alone, where each answer examines only a window of the
 * log (3 requests here): the console asks again by itself up to 10 times, then offers to go on.
 */
@Tag("slow")
class ConsoleRequestWindowTest extends OnH2 {

    private static final int WINDOW = 3;

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    static App app;

    private Browser browser;
    private ConsolePage console;
    private Integration integration;

    @BeforeParameterizedClassInvocation
    static void startWithASmallWindow(Engine engine) {
        app = TestServers.start(engine, TestConfig.both(TestConfig.UNLIMITED,
                Map.of("CONCIERGE_REQUEST_LOG_WINDOW_ROWS", Integer.toString(WINDOW))));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @BeforeEach
    void signedIn() {
        browser = oneBrowser.get();
        integration = tenants.singleEnterpriseIntegration();
        console = new ConsolePage(browser, server()).signedIn();
    }

    @Test
    void aRequestBeyondTheFirstWindowsIsFoundWithoutAClick() {
        String added = addThread();
        listThreads(WINDOW * 5);

        console.section("Requests");
        console.choose("Operation", "messageThreads/add");

        browser.waitFor(() -> console.rows("Requests").stream().anyMatch(row -> row.contains(added.substring(0, 8))),
                "the messageThreads/add request, " + WINDOW * 5 + " requests back");
    }

    @Test
    void aRequestBeyondTenWindowsIsFoundWithShowMore() {
        String added = addThread();
        listThreads(WINDOW * 12);

        console.section("Requests");
        console.choose("Operation", "messageThreads/add");
        WebElement showMore = browser.button("Show more requests");
        assertThat(console.rows("Requests")).noneMatch(row -> row.contains(added.substring(0, 8)));

        showMore.click();

        browser.waitFor(() -> console.rows("Requests").stream().anyMatch(row -> row.contains(added.substring(0, 8))),
                "the messageThreads/add request after Show more");
    }

    /** A messageThreads/add; its RequestId. */
    private String addThread() {
        ApiResponse added = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Ann Lee", "Subject", "Late check-in"));
        assertThat(added).isOk();
        return added.header("Request-Id");
    }

    /** {@code count} getAll requests after it, all in the log before the console reads it. */
    private void listThreads(int count) {
        String last = null;
        for (int i = 0; i < count; i++) {
            ApiResponse listed = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                    "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 1)));
            assertThat(listed).isOk();
            last = listed.header("Request-Id");
        }
        LoggedRequests.await(app, last);
    }
}
