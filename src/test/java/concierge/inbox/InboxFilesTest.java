package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.inbox.InboxFiles;
import concierge.testing.ApiClient;
import concierge.testing.OnH2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 12 / contract part 3: how /inbox is served, and what its files may not contain. */
class InboxFilesTest extends OnH2 {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "views.js", "live.js");

    @Test
    void thePageIsServedAtInboxWithTheStrictHeaders() {
        ApiClient.ApiResponse page = get("/inbox");

        assertThat(page.status()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertStrictHeaders(page);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/inbox/app.js\"></script>");
    }

    @Test
    void everyFileOfThePageHasTheSameHeaders() {
        for (String script : SCRIPTS) {
            ApiClient.ApiResponse file = get("/inbox/" + script);
            assertThat(file.status()).as(script).isEqualTo(200);
            assertThat(header(file, "Content-Type")).as(script).isEqualTo("text/javascript; charset=utf-8");
            assertStrictHeaders(file);
        }
        for (String style : List.of("style.css", "inbox.css")) {
            ApiClient.ApiResponse file = get("/inbox/" + style);
            assertThat(file.status()).as(style).isEqualTo(200);
            assertThat(header(file, "Content-Type")).as(style).isEqualTo("text/css; charset=utf-8");
            assertStrictHeaders(file);
        }
    }

    @Test
    void anUnknownFileUnderInboxIs404WithTheSameHeaders() {
        for (String path : List.of("/inbox/nope.js", "/inbox/", "/inbox/%2e%2e/logging.properties",
                "/inbox/..%2flogging.properties", "/inbox/app.js/", "/inbox/APP.JS", "/inbox/" + "a".repeat(4000))) {
            ApiClient.ApiResponse answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertStrictHeaders(answer);
            assertThat(answer.body()).as(path).isEqualTo("Not found\n");
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
        String html = resource("index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContainIgnoringCase("<style").doesNotContain(" style=")
                .doesNotContainPattern("\\son[a-z]+=");
        for (String script : SCRIPTS) {
            assertThat(resource(script)).as(script)
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
        }
    }

    private ApiClient.ApiResponse get(String path) {
        return tenants.api().send("GET", path, null);
    }

    private static void assertStrictHeaders(ApiClient.ApiResponse answer) {
        assertThat(header(answer, "Content-Security-Policy")).isEqualTo(CSP).isEqualTo(InboxFiles.CONTENT_SECURITY_POLICY);
        assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(answer, "Referrer-Policy")).isEqualTo("no-referrer");
    }

    private static String header(ApiClient.ApiResponse answer, String name) {
        return answer.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> String.join(",", entry.getValue())).findFirst().orElse(null);
    }

    private static String resource(String name) throws IOException {
        String folder = name.equals("api.js") ? "/shared/" : "/inbox/";
        try (InputStream in = InboxFiles.class.getResourceAsStream(folder + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
