package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where /metrics is served: the admin listener when there is one (operators' only), else the public one; or nowhere. */
class MetricsListenersTest extends OnH2 {

    @Test
    void withAnAdminListenerTheMetricsAreServedThereOnly() {
        try (App app = TestServers.startWithAnAdminListener(engine)) {
            assertThat(new ApiClient(app.adminPort()).send("GET", "/metrics", null).status()).isEqualTo(200);
            assertThat(new ApiClient(app.port()).send("GET", "/metrics", null)).isError(404);
        }
    }

    @Test
    void withoutAnAdminListenerTheMetricsAreOnThePublicOne() {
        try (App app = TestServers.start(engine, Map.of())) {
            ApiClient.ApiResponse response = new ApiClient(app.port()).send("GET", "/metrics", null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        }
    }

    @Test
    void metricsTurnedOffAreNotServed() {
        try (App app = TestServers.start(engine, Map.of("CONCIERGE_METRICS", "false"))) {
            assertThat(new ApiClient(app.port()).send("GET", "/metrics", null)).isError(404);
        }
    }
}
