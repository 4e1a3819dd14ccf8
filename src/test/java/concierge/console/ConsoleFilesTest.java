package concierge.console;

import static concierge.testing.StaticPageFiles.assertNoInlineScriptOrStyle;
import static concierge.testing.StaticPageFiles.assertNoMarkupFromStrings;
import static concierge.testing.StaticPageFiles.assertNotFound;
import static concierge.testing.StaticPageFiles.assertServed;
import static concierge.testing.StaticPageFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient;
import concierge.testing.OnH2;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14: how /console is served (here beside the public API: no admin listener), and what its files may not contain. */
class ConsoleFilesTest extends OnH2 {

    private static final List<String> OWN_SCRIPTS = List.of("app.js", "dom.js", "tenants.js", "webhooks.js", "requests.js");

    @Test
    void thePageIsServedAtConsoleWithTheStrictHeaders() {
        ApiClient.ApiResponse page = get("/console");

        assertServed(page, "/console", "text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .contains("data-api=\"/api/admin/v1/\"");
    }

    @Test
    void everyFileOfThePageIncludingTheSharedOnesHasTheSameHeaders() {
        for (String script : concat(OWN_SCRIPTS, "api.js")) {
            assertServed(get("/console/" + script), script, "text/javascript; charset=utf-8");
        }
        for (String style : List.of("style.css", "console.css")) {
            assertServed(get("/console/" + style), style, "text/css; charset=utf-8");
        }
    }

    @Test
    void theSharedFilesAreTheInboxsOwn() {
        assertThat(get("/console/api.js").body()).isEqualTo(get("/inbox/api.js").body());
        assertThat(get("/console/style.css").body()).isEqualTo(get("/inbox/style.css").body());
    }

    @Test
    void anUnknownFileUnderConsoleIs404WithTheSameHeaders() {
        for (String path : List.of("/console/nope.js", "/console/", "/console/%2e%2e/logging.properties",
                "/console/..%2flogging.properties", "/console/app.js/", "/console/APP.JS", "/console/views.js",
                "/console/" + "a".repeat(4000))) {
            assertNotFound(get(path), path);
        }
    }

    @Test
    void anAnonymousCallerGetsOnlyTheStaticPageAndNoAdminData() {
        ApiClient.ApiResponse page = get("/console");
        ApiClient.ApiResponse withQuery = get("/console?token=" + "x".repeat(2000));

        assertThat(withQuery.status()).isEqualTo(200);
        assertThat(withQuery.body()).isEqualTo(page.body()).doesNotContain("xxxx");
        assertThat(tenants.api().send("POST", "/console", "{}")).isError(404);
        assertThat(tenants.api().send("GET", "/consoles", null)).isError(404);
        assertThat(tenants.api().post("/api/admin/v1/enterprises/add", "{\"Enterprises\":[{\"Name\":\"x\"}]}"))
                .isError(401);
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndNoMarkupFromStrings() throws IOException {
        assertNoInlineScriptOrStyle(resource("/console/index.html"));
        for (String script : OWN_SCRIPTS) {
            assertNoMarkupFromStrings(resource("/console/" + script), script);
        }
    }

    private static List<String> concat(List<String> names, String name) {
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(name)).toList();
    }

    private ApiClient.ApiResponse get(String path) {
        return tenants.api().send("GET", path, null);
    }
}
