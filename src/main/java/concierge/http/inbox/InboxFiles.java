package concierge.http.inbox;

import concierge.http.StaticFiles;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff inbox (a page that is a client of the staff API only): its few files under {@link #PATH},
 * served by {@link StaticFiles} with the page's strict headers. Only the files named here exist; any
 * other path under /inbox is 404.
 */
public final class InboxFiles {

    public static final String PATH = "/inbox";

    /** No inline script or style, nothing from another origin; the page cannot be framed or post forms. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * What the inbox shares with the integrator's console (the API client with its token handling, the
     * look): in the jar's /shared/, served under each page's own path so a page loads only from there.
     */
    private static final Map<String, StaticFiles.File> SHARED_FILES = Map.of(
            "api.js", new StaticFiles.File("/shared/api.js", "text/javascript; charset=utf-8"),
            "style.css", new StaticFiles.File("/shared/style.css", "text/css; charset=utf-8"));

    private static final String RESOURCES = "/inbox/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "views.js", "text/javascript; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8",
            "inbox.css", "text/css; charset=utf-8");

    private InboxFiles() {
    }

    public static StaticFiles create(Duration writeTimeout) {
        return pageWithTheSharedFiles(PATH, RESOURCES, FILES, writeTimeout);
    }

    /**
     * A page built as the inbox is: its own files (name to content type) from the jar's {@code resources},
     * the shared ones, its index.html also at {@code path}, all with the strict policy.
     */
    public static StaticFiles pageWithTheSharedFiles(String path, String resources, Map<String, String> ownFiles,
            Duration writeTimeout) {
        Map<String, StaticFiles.File> files = new LinkedHashMap<>();
        ownFiles.forEach((name, type) -> files.put(path + "/" + name, new StaticFiles.File(resources + name, type)));
        SHARED_FILES.forEach((name, file) -> files.put(path + "/" + name, file));
        files.put(path, files.get(path + "/index.html"));
        return new StaticFiles(path, CONTENT_SECURITY_POLICY, files, writeTimeout);
    }
}
