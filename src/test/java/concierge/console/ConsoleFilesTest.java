package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.console.ConsoleFiles;
import concierge.testing.ApiClient;
import concierge.testing.OnH2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 14: how /console is served (here beside the public API: no admin listener), and what its files may not contain. */
class ConsoleFilesTest extends OnH2 {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final List<String> OWN_SCRIPTS = List.of("app.js", "dom.js", "tenants.js", "webhooks.js", "requests.js");

    @Test
    void thePageIsServedAtConsoleWithTheStrictHeaders() {
        ApiClient.ApiResponse page = get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertStrictHeaders(page);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .contains("data-api=\"/api/admin/v1/\"");
    }

    @Test
    void everyFileOfThePageIncludingTheSharedOnesHasTheSameHeaders() {
        for (String script : concat(OWN_SCRIPTS, "api.js")) {
            ApiClient.ApiResponse file = get("/console/" + script);
            assertThat(file.status()).as(script).isEqualTo(200);
            assertThat(header(file, "Content-Type")).as(script).isEqualTo("text/javascript; charset=utf-8");
            assertStrictHeaders(file);
        }
        for (String style : List.of("style.css", "console.css")) {
            ApiClient.ApiResponse file = get("/console/" + style);
            assertThat(file.status()).as(style).isEqualTo(200);
            assertThat(header(file, "Content-Type")).as(style).isEqualTo("text/css; charset=utf-8");
            assertStrictHeaders(file);
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
            ApiClient.ApiResponse answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertStrictHeaders(answer);
            assertThat(answer.body()).as(path).isEqualTo("Not found\n");
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
        String html = resource("/console/index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContainIgnoringCase("<style").doesNotContain(" style=")
                .doesNotContainPattern("\\son[a-z]+=");
        for (String script : OWN_SCRIPTS) {
            assertThat(resource("/console/" + script)).as(script)
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
        }
    }

    private static List<String> concat(List<String> names, String name) {
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(name)).toList();
    }

    private ApiClient.ApiResponse get(String path) {
        return tenants.api().send("GET", path, null);
    }

    static void assertStrictHeaders(ApiClient.ApiResponse answer) {
        assertThat(header(answer, "Content-Security-Policy")).isEqualTo(CSP);
        assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(answer, "Referrer-Policy")).isEqualTo("no-referrer");
    }

    static String header(ApiClient.ApiResponse answer, String name) {
        return answer.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> String.join(",", entry.getValue())).findFirst().orElse(null);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
