package concierge.testing;

import static org.assertj.core.api.Assertions.fail;

import concierge.testing.ApiClient.ApiResponse;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Requests with a bound on how long the answer may take, for tests of deadlines and faults: a
 * request that has not answered within the bound fails the test instead of hanging it.
 */
public final class BoundedCalls {

    private BoundedCalls() {
    }

    /** POSTs {@code body} as JSON; fails the test when no answer arrives within {@code patience}. */
    public static ApiResponse post(int port, Duration patience, String path, Object body,
                                   String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(patience)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : ApiClient.toJson(body)));
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        try {
            return new ApiClient(port).send(request.build());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return fail("no answer to " + path + " within " + patience.toSeconds() + " s");
            }
            throw e;
        }
    }

    /**
     * GETs {@code path} until it answers {@code status} (a health probe that is to change), at most
     * every 100 ms; fails the test when it has not within {@code patience}. Returns that answer.
     */
    public static ApiResponse awaitStatus(int port, String path, int status, Duration patience) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        ApiResponse last = null;
        while (System.nanoTime() < giveUpAt) {
            try {
                last = new ApiClient(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(patience).GET().build());
                if (last.status() == status) {
                    return last;
                }
            } catch (UncheckedIOException e) {
                last = null; // the server or the connection is not there (yet); try again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("GET " + path + " did not answer " + status + " within " + patience.toSeconds() + " s; last: " + last);
    }
}
