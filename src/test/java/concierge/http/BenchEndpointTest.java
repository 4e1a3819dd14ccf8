package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Engine;
import concierge.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README "Configuration": CONCIERGE_BENCH_ENDPOINTS adds the benchmark's no-op operation, and only it does. */
class BenchEndpointTest {

    private static final String NOOP = "/api/bench/v1/noop";

    @Test
    void theNoopOperationAnswersAnEmptyObjectWhenBenchEndpointsAreOn() {
        try (App app = TestServers.start(Engine.H2, Map.of("CONCIERGE_BENCH_ENDPOINTS", "true"))) {
            ApiResponse response = new ApiClient(app.port()).post(NOOP, Map.of());

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{}");
        }
    }

    @Test
    void theNoopOperationIsNotServedByDefault() {
        ApiResponse response = new ApiClient(TestServers.running(Engine.H2).port()).post(NOOP, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
    }
}
