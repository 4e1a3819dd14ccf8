package concierge.http.inbox;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff inbox (a page that is a client of the staff API only): its few files, read from the jar
 * once at start and served from memory under {@link #PATH}, each with the same strict headers. Only
 * the files named here exist; any other path under /inbox is 404.
 */
public final class InboxFiles {

    public static final String PATH = "/inbox";

    /** No inline script or style, nothing from another origin; the page cannot be framed or post forms. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final String RESOURCES = "/inbox/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "views.js", "text/javascript; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private record File(byte[] bytes, String contentType) {
    }

    private final Map<String, File> files = new LinkedHashMap<>();

    public InboxFiles() {
        FILES.forEach((name, type) -> files.put(PATH + "/" + name, new File(read(name), type)));
        files.put(PATH, files.get(PATH + "/index.html"));
    }

    /** Whether this serves the request; the API's router answers everything else. */
    public boolean serves(ServerRequest request) {
        String path = request.path().rawPath();
        Method method = request.prologue().method();
        return (Method.GET.equals(method) || Method.HEAD.equals(method))
                && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    public void handle(ServerRequest request, ServerResponse response) {
        response.header(CSP, CONTENT_SECURITY_POLICY)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(REFERRER_POLICY, "no-referrer")
                // A new version is picked up at once after an upgrade; the files are small.
                .header(HeaderNames.CACHE_CONTROL, "no-cache");
        File file = files.get(request.path().rawPath());
        if (file == null) {
            response.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send("Not found\n");
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, file.contentType()).send(file.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = InboxFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the inbox file " + RESOURCES + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
