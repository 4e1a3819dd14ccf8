package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import concierge.testing.StaticPageFiles;
import concierge.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 14: with CONCIERGE_ADMIN_PORT the console, a client of the admin API, is served on the admin
 * listener only: the public listener has no /console, and the admin listener no inbox.
 */
@Tag("slow")
class ConsoleListenerTest extends OnH2 {

    static App app;
    static ApiClient publicListener;
    static ApiClient adminListener;

    @BeforeParameterizedClassInvocation
    static void startWithAnAdminListenerOnLoopback(Engine engine) {
        app = TestServers.startWithAnAdminListener(engine);
        publicListener = new ApiClient(app.port());
        adminListener = new ApiClient(app.adminPort());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void theAdminListenerServesTheConsoleWithTheStrictHeaders() {
        for (String path : List.of("/console", "/console/app.js", "/console/api.js", "/console/style.css")) {
            ApiClient.ApiResponse answer = adminListener.send("GET", path, null);
            assertThat(answer.status()).as(path).isEqualTo(200);
            StaticPageFiles.assertStrictHeaders(answer);
        }
    }

    @Test
    void thePublicListenerHasNoConsole() {
        for (String path : List.of("/console", "/console/app.js", "/console/index.html", "/console/nope")) {
            ApiClient.ApiResponse answer = publicListener.send("GET", path, null);
            assertThat(answer).as(path).isError(404);
            assertThat(answer.body()).as(path).doesNotContain("Admin token");
        }
        assertThat(publicListener.send("GET", "/inbox", null).status()).isEqualTo(200);
    }

    @Test
    void theAdminListenerHasNoInbox() {
        assertThat(adminListener.send("GET", "/inbox", null)).isError(404);
    }

    @Test
    void theConsoleWorksOnTheAdminListener() {
        try (Browser browser = Browser.open()) {
            ConsolePage console = new ConsolePage(browser, app).signedIn();
            console.addEnterprise("Hotel on the admin listener");

            assertThat(console.rows("Enterprises")).anySatisfy(row -> assertThat(row).contains("Hotel on the admin listener"));
        }
    }

    @Test
    void aCurlFromTheAdminListenerSaysWhereThePublicAddressGoes() {
        try (Browser browser = Browser.open()) {
            ConsolePage console = new ConsolePage(browser, app).signedIn();
            console.addEnterprise("Hotel with staff");
            console.choose("Enterprise", "Hotel with staff");
            browser.button("Issue staff token").click();
            console.issuedToken("Staff token");

            assertThat(console.issuedCurl()).startsWith("curl -s -X POST http://PUBLIC-HOST:PORT/api/staff/v1/")
                    .doesNotContain(":" + app.adminPort());
            assertThat(browser.driver().getPageSource()).contains("put the public listener's address");
        }
    }
}
