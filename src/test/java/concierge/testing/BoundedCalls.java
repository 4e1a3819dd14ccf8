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
}
