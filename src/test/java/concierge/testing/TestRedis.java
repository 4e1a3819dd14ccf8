package concierge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * The local Redis for the shared rate limiter's tests. Redis must be up in CI (CI=true): there a
 * missing server fails the run. On a laptop without it those tests are skipped with the reason
 * printed, the same rule as {@link TestDatabases} follows for PostgreSQL.
 */
public final class TestRedis {

    public static final String URL = env("CONCIERGE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private TestRedis() {
    }

    /** The Redis URL, after checking that Redis answers PING (fails in CI, skips elsewhere). */
    public static String url() {
        URI uri = URI.create(URL);
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            if (!new String(answer, StandardCharsets.US_ASCII).equals("+PONG")) {
                unavailable("Redis at " + URL + " did not answer PING", null);
            }
        } catch (IOException e) {
            unavailable("Redis is not reachable at " + URL + ": " + e.getMessage(), e);
        }
        return URL;
    }

    /** A Redis URL on a local port where nothing listens (for fail-open tests). */
    public static String unreachableUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "redis://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }

    private static void unavailable(String reason, Exception cause) {
        if (TestDatabases.isCi()) {
            throw new IllegalStateException(reason + " (CI must run the Redis tests)", cause);
        }
        System.err.println("SKIPPING Redis tests: " + reason);
        Assumptions.abort(reason);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
