package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The request log as the admin API shows it, once its background writer has caught up. */
public final class LoggedRequests {

    /** How long the writer may take, at most, on a loaded machine (it writes every 200 ms). */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private LoggedRequests() {
    }

    /** Polls requests/getAll for the request until the background writer has stored it; its entry. */
    public static JsonNode await(App app, String requestId) {
        assertThat(requestId).isNotNull();
        ApiClient admin = new ApiClient(app.adminPort());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            ApiResponse found = admin.admin(Admin.REQUESTS_GET_ALL,
                    Map.of("RequestIds", List.of(requestId), "Limitation", Map.of("Count", 1)));
            assertThat(found).isOk();
            if (!found.json().path("Requests").isEmpty()) {
                return found.json().path("Requests").get(0);
            }
            pause();
        }
        return fail("request " + requestId + " was not logged within " + PATIENCE.toSeconds() + " s");
    }

    public static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
