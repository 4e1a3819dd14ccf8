package concierge.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page's few files (the staff inbox, the API reference): read from the jar once at start and served
 * from memory to GET and HEAD, each answer with the same strict headers, the 404 included. Only the
 * paths named here exist; any other path under {@link #directory} is a plain 404, and every other
 * path and method is left to the API's router. A client that does not take a file within the write
 * deadline is disconnected, as for the API's answers.
 */
public final class StaticFiles {

    /** What a path serves: a resource of the jar (an absolute classpath name) and its Content-Type. */
    public record File(String resource, String contentType) {
    }

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");

    private record Loaded(byte[] bytes, String contentType) {
    }

    private final String directory;
    private final String contentSecurityPolicy;
    private final Map<String, Loaded> files = new LinkedHashMap<>();
    private final Answers answers;

    /**
     * @param directory paths under {@code directory + "/"} are this page's: a name not in {@code files} is 404
     * @param files     by path; every resource must be in the jar, else start-up fails naming it
     */
    public StaticFiles(String directory, String contentSecurityPolicy, Map<String, File> files, Duration writeTimeout) {
        this.directory = directory;
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.answers = new Answers(writeTimeout);
        files.forEach((path, file) -> this.files.put(path, new Loaded(read(file.resource()), file.contentType())));
    }

    /** Whether this serves the request; the API's router answers everything else. */
    public boolean serves(ServerRequest request) {
        String path = request.path().rawPath();
        Method method = request.prologue().method();
        return (Method.GET.equals(method) || Method.HEAD.equals(method))
                && (files.containsKey(path) || path.startsWith(directory + "/"));
    }

    public void handle(ServerRequest request, ServerResponse response) {
        response.header(CSP, contentSecurityPolicy)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(REFERRER_POLICY, "no-referrer")
                // A new version is picked up at once after an upgrade.
                .header(HeaderNames.CACHE_CONTROL, "no-cache");
        Loaded file = files.get(request.path().rawPath());
        if (file == null) {
            response.status(Status.NOT_FOUND_404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send("Not found\n");
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, file.contentType());
        answers.bytes(response, file.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the file " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
