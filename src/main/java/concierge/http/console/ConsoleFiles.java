package concierge.http.console;

import concierge.http.StaticFiles;
import concierge.http.inbox.InboxFiles;
import java.time.Duration;
import java.util.Map;

/**
 * The integrator's console (a page that is a client of the admin API only): its files under
 * {@link #PATH}, with the inbox's shared ones and its strict headers. Served wherever the admin API
 * is, and only there. Only the files named here exist; any other path under /console is 404.
 */
public final class ConsoleFiles {

    public static final String PATH = "/console";

    private static final String RESOURCES = "/console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "tenants.js", "text/javascript; charset=utf-8",
            "webhooks.js", "text/javascript; charset=utf-8",
            "requests.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private ConsoleFiles() {
    }

    public static StaticFiles create(Duration writeTimeout) {
        return InboxFiles.pageWithTheSharedFiles(PATH, RESOURCES, FILES, writeTimeout);
    }
}
