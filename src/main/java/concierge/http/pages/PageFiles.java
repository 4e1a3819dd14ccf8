package concierge.http.pages;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the server's pages (the staff inbox, the integrator's console): plain files that are a
 * client of one API, read from the jar once at start and served from memory under the page's path,
 * each with the same strict headers. Only the files named here exist; any other path under the
 * page's is 404. Files both pages use live in {@code /shared/} and are served under each page's path,
 * so a page only ever loads from its own.
 */
public final class PageFiles {

    /** No inline script or style, nothing from another origin; the page cannot be framed or post forms. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final String SHARED = "/shared/";
    private static final List<String> SHARED_FILES = List.of("api.js", "style.css");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            ".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8",
            ".css", "text/css; charset=utf-8");

    private record File(byte[] bytes, String contentType) {
    }

    private final String path;
    private final Map<String, File> files = new HashMap<>();

    /** The page at {@code path} (e.g. /inbox) of its own files in the resource folder of that name, and the shared ones. */
    private PageFiles(String path, List<String> ownFiles) {
        this.path = path;
        ownFiles.forEach(name -> files.put(path + "/" + name, read(path + "/" + name)));
        SHARED_FILES.forEach(name -> files.put(path + "/" + name, read(SHARED + name)));
        files.put(path, files.get(path + "/index.html"));
    }

    /** The staff inbox at /inbox, a client of the staff API. */
    public static PageFiles inbox() {
        return new PageFiles("/inbox", List.of("index.html", "app.js", "views.js", "live.js", "inbox.css"));
    }

    /** The integrator's console at /console, a client of the admin API. */
    public static PageFiles console() {
        return new PageFiles("/console", List.of("index.html", "app.js", "tenants.js", "webhooks.js",
                "dom.js", "console.css"));
    }

    public String path() {
        return path;
    }

    /** Whether this serves the request; the API's router answers everything else. */
    public boolean serves(ServerRequest request) {
        String requested = request.path().rawPath();
        Method method = request.prologue().method();
        return (Method.GET.equals(method) || Method.HEAD.equals(method))
                && (requested.equals(path) || requested.startsWith(path + "/"));
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

    private static File read(String resource) {
        String type = CONTENT_TYPES.get(resource.substring(resource.lastIndexOf('.')));
        try (InputStream in = PageFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + resource + " is missing from the jar");
            }
            return new File(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
