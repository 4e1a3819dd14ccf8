package concierge.inbox;

import static concierge.testing.StaticPageFiles.assertNoInlineScriptOrStyle;
import static concierge.testing.StaticPageFiles.assertNoMarkupFromStrings;
import static concierge.testing.StaticPageFiles.assertNotFound;
import static concierge.testing.StaticPageFiles.assertServed;
import static concierge.testing.StaticPageFiles.assertStrictHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient;
import concierge.testing.OnH2;
import concierge.testing.StaticPageFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12 / contract part 3: how /inbox is served, and what its files may not contain. */
class InboxFilesTest extends OnH2 {

    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "views.js", "live.js");

    @Test
    void thePageIsServedAtInboxWithTheStrictHeaders() {
        ApiClient.ApiResponse page = get("/inbox");

        assertServed(page, "/inbox", "text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/inbox/app.js\"></script>");
    }

    @Test
    void everyFileOfThePageHasTheSameHeaders() {
        for (String script : SCRIPTS) {
            assertServed(get("/inbox/" + script), script, "text/javascript; charset=utf-8");
        }
        for (String style : List.of("style.css", "inbox.css")) {
            assertServed(get("/inbox/" + style), style, "text/css; charset=utf-8");
        }
    }

    @Test
    void anUnknownFileUnderInboxIs404WithTheSameHeaders() {
        for (String path : List.of("/inbox/nope.js", "/inbox/", "/inbox/%2e%2e/logging.properties",
                "/inbox/..%2flogging.properties", "/inbox/app.js/", "/inbox/APP.JS", "/inbox/" + "a".repeat(4000))) {
            assertNotFound(get(path), path);
        }
    }

    @Test
    void anAnonymousCallerGetsTheSameStaticPageWhateverTheQueryOrMethod() {
        ApiClient.ApiResponse page = get("/inbox");
        ApiClient.ApiResponse withQuery = get("/inbox?token=" + "x".repeat(2000) + "&MessageThreadIds=1");
        ApiClient.ApiResponse head = tenants.api().send("HEAD", "/inbox", null);

        assertThat(withQuery.status()).isEqualTo(200);
        assertThat(withQuery.body()).isEqualTo(page.body()).doesNotContain("xxxx");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertStrictHeaders(head);
    }

    @Test
    void theApisAnswersAreUnchangedNextToTheInbox() {
        assertThat(tenants.api().send("GET", "/api/staff/v1/messageThreads/getAll", null)).isError(404);
        assertThat(tenants.api().send("POST", "/inbox", "{}")).isError(404);
        assertThat(tenants.api().send("GET", "/inboxes", null)).isError(404);
        assertThat(tenants.api().send("GET", "/api/inbox", null)).isError(404);
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndNoMarkupFromStrings() throws IOException {
        assertNoInlineScriptOrStyle(resource("index.html"));
        for (String script : SCRIPTS) {
            assertNoMarkupFromStrings(resource(script), script);
        }
    }

    private ApiClient.ApiResponse get(String path) {
        return tenants.api().send("GET", path, null);
    }

    private static String resource(String name) throws IOException {
        return StaticPageFiles.resource((name.equals("api.js") ? "/shared/" : "/inbox/") + name);
    }
}
