package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Bench;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README "Configuration": CONCIERGE_BENCH_ENDPOINTS adds the benchmark's no-op operation, and only it does. */
class BenchEndpointTest extends OnH2 {

    @Test
    void theNoopOperationAnswersAnEmptyObjectWhenBenchEndpointsAreOn() {
        try (App app = TestServers.start(engine, Map.of("CONCIERGE_BENCH_ENDPOINTS", "true"))) {
            ApiResponse response = new ApiClient(app.port()).post(Bench.NOOP, Map.of());

            assertThat(response).isOk();
            assertThat(response.body()).isEqualTo("{}");
        }
    }

    @Test
    void theNoopOperationIsNotServedByDefault() {
        ApiResponse response = tenants.api().post(Bench.NOOP, Map.of());

        assertThat(response).hasStatus(404);
    }
}
