package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.inbox.InboxFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What the server's static pages (the inbox, the console) promise of every file they serve, and of their sources. */
public final class StaticPageFiles {

    /** Written out, not taken from the code: a change to the policy has to change this test too. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private StaticPageFiles() {
    }

    /** A 200 answer of {@code contentType} with the strict headers. */
    public static void assertServed(ApiClient.ApiResponse file, String name, String contentType) {
        assertThat(file.status()).as(name).isEqualTo(200);
        assertThat(header(file, "Content-Type")).as(name).isEqualTo(contentType);
        assertStrictHeaders(file);
    }

    /** The plain 404 of a page's folder, with the strict headers all the same. */
    public static void assertNotFound(ApiClient.ApiResponse answer, String path) {
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertStrictHeaders(answer);
        assertThat(answer.body()).as(path).isEqualTo("Not found\n");
    }

    public static void assertStrictHeaders(ApiClient.ApiResponse answer) {
        assertThat(header(answer, "Content-Security-Policy")).isEqualTo(CSP).isEqualTo(InboxFiles.CONTENT_SECURITY_POLICY);
        assertThat(header(answer, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(answer, "Referrer-Policy")).isEqualTo("no-referrer");
    }

    /** The header's values joined by commas: a header sent twice shows. */
    public static String header(ApiClient.ApiResponse answer, String name) {
        return answer.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> String.join(",", entry.getValue())).findFirst().orElse(null);
    }

    public static void assertNoInlineScriptOrStyle(String html) {
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContainIgnoringCase("<style").doesNotContain(" style=")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    public static void assertNoMarkupFromStrings(String script, String name) {
        assertThat(script).as(name)
                .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
    }

    /** A file of the pages as the jar holds it, by its resource path ("/inbox/app.js"). */
    public static String resource(String path) throws IOException {
        try (InputStream in = StaticPageFiles.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
