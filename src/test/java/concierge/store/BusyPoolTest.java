package concierge.store;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.BoundedCalls;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * When every pooled connection is busy but the database is up, a request waits for a connection up to
 * its deadline instead of answering 503 when the pool's own 3 s wait runs out (503 stays for an
 * unreachable database: DatabaseOutageTest). The pool has one connection, and the test holds it.
 */
@Tag("slow")
class BusyPoolTest extends OnBothEngines {

    /** Longer than the pool's connection timeout (3 s): a request still waiting then used to get 503. */
    private static final Duration HOLD = Duration.ofMillis(4_500);

    @Test
    void aRequestWaitsForABusyPoolLongerThanThePoolsTimeoutAndSucceeds() throws Exception {
        try (App app = TestServers.start(engine,
                Map.of("CONCIERGE_DB_POOL_SIZE", "1", "CONCIERGE_REQUEST_TIMEOUT_SECONDS", "20"))) {
            Integration integration = new Tenants(app).singleEnterpriseIntegration();

            long start = System.nanoTime();
            ApiResponse response = whileTheOnlyConnectionIsHeld(app, HOLD, () -> getAll(app, integration));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response).isOk();
            assertThat(waited).as("the request was answered only once the connection was free").isGreaterThan(HOLD);
        }
    }

    @Test
    void aRequestThatCannotGetAConnectionBeforeItsDeadlineAnswers408() throws Exception {
        try (App app = TestServers.start(engine,
                Map.of("CONCIERGE_DB_POOL_SIZE", "1", "CONCIERGE_REQUEST_TIMEOUT_SECONDS", "2"))) {
            Integration integration = new Tenants(app).singleEnterpriseIntegration();

            ApiResponse response = whileTheOnlyConnectionIsHeld(app, Duration.ofSeconds(6),
                    () -> getAll(app, integration));

            assertThat(response).isError(408);
        }
    }

    private static ApiResponse getAll(App app, Integration integration) {
        return BoundedCalls.post(app.port(), Duration.ofSeconds(30), Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 1)));
    }

    /** Holds the pool's only connection for {@code hold} while {@code call} runs on another thread. */
    private static ApiResponse whileTheOnlyConnectionIsHeld(App app, Duration hold,
                                                            java.util.function.Supplier<ApiResponse> call)
            throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ApiResponse> answer;
            try (Handle held = app.database().jdbi().open()) {
                held.begin();
                answer = CompletableFuture.supplyAsync(call, executor);
                Thread.sleep(hold);
                held.rollback();
            }
            return answer.get();
        }
    }
}
