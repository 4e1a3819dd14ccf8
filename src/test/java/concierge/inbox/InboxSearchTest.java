package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.Browser;
import concierge.testing.InboxPage;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * Issue 12: the inbox's Search when the server examines a window of threads per request and answers
 * short pages with a Cursor. A server of its own with a window of {@value #WINDOW} threads, so a
 * hotel of a few dozen holds its match beyond the first windows.
 */
@Tag("slow")
class InboxSearchTest extends OnH2 {

    private static final int WINDOW = 3;
    /** The page's SEARCH_PAGES_UNASKED (app.js): short Search pages it fetches before it asks. */
    private static final int PAGES_UNASKED = 10;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    static App server;

    private Browser browser;
    private InboxPage inbox;
    private Tenants.Integration app;

    @BeforeParameterizedClassInvocation
    static void startServerWithASmallSearchWindow(Engine engine) {
        server = App.start(TestConfig.on(TestDatabases.fresh(engine), TestConfig.both(TestConfig.UNLIMITED,
                Map.of("CONCIERGE_SEARCH_WINDOW_ROWS", Integer.toString(WINDOW)))));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    @Override
    protected App server() {
        return server;
    }

    @BeforeEach
    void signedOutOnAFreshPage() {
        browser = oneBrowser.get();
        inbox = new InboxPage(browser, server()).signedOut();
        app = tenants.singleEnterpriseIntegration();
    }

    @Test
    void aMatchBeyondTheFirstWindowsIsFoundWithoutAsking() {
        hotelWithTheMatchBehind(4 * WINDOW);
        inbox.signedIn(tenants.staffToken(app.enterpriseId())).thread("Parking 0");

        inbox.search("xylophone");

        browser.waitFor(() -> onlyThreadShows("Xylophone in room 7"), "only the match in the list");
    }

    @Test
    void aSearchThatKeepsFindingNothingStopsAndOffersToSearchOlderThreads() {
        hotelWithTheMatchBehind(PAGES_UNASKED * WINDOW + 2 * WINDOW);
        inbox.signedIn(tenants.staffToken(app.enterpriseId())).thread("Parking 0");
        long before = listRequests();

        inbox.search("xylophone");

        browser.button("Search older threads");
        assertThat(listRequests() - before).isEqualTo(PAGES_UNASKED);
        assertThat(browser.driver().getPageSource()).contains("No matches in the newest threads.");
        assertThat(browser.driver().findElements(By.cssSelector("#threads > li"))).isEmpty();

        browser.button("Search older threads").click();

        browser.waitFor(() -> onlyThreadShows("Xylophone in room 7"), "only the match in the list");
        assertThat(browser.driver().findElement(By.id("search-older")).isDisplayed()).isFalse();
    }

    /** Whether the list holds one thread, showing {@code text}; false while the list is being replaced. */
    private boolean onlyThreadShows(String text) {
        try {
            List<String> threads = inbox.threads();
            return threads.size() == 1 && threads.getFirst().contains(text);
        } catch (StaleElementReferenceException replaced) {
            return false;
        }
    }

    /** The match, then {@code newer} threads without it, each a minute more recent (activity and creation). */
    private void hotelWithTheMatchBehind(int newer) {
        tenants.seedThread(app, app.enterpriseId(), T0, T0, "Xylophone in room 7");
        for (int i = 0; i < newer; i++) {
            Instant time = T0.plusSeconds(60L * (newer - i));
            tenants.seedThread(app, app.enterpriseId(), time, time, "Parking " + i);
        }
    }

    /** How many messageThreads/getAll requests the page has made. */
    private long listRequests() {
        return (Long) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(entry => entry.name.endsWith('/messageThreads/getAll')).length");
    }
}
