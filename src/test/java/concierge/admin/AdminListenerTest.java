package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 10 §8: with CONCIERGE_ADMIN_PORT the admin API has a listener of its own (here on loopback)
 * and is served only there: the public listener answers 404 for admin paths, and the admin listener
 * serves nothing but the admin API. Listeners are not about the database, so one engine is enough.
 */
class AdminListenerTest extends OnH2 {

    private static final Map<String, Object> ONE_ENTERPRISE = Map.of("Enterprises", List.of(Map.of("Name", "Hotel")));

    static App app;
    static ApiClient publicApi;
    static ApiClient adminApi;

    @BeforeParameterizedClassInvocation
    static void startWithAnAdminListenerOnLoopback(Engine engine) {
        app = TestServers.startWithAnAdminListener(engine);
        publicApi = new ApiClient(app.port());
        adminApi = new ApiClient(app.adminPort());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    private static ApiResponse addEnterprise(ApiClient api) {
        return api.post(Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer " + TestServers.ADMIN_TOKEN);
    }

    @Test
    void theAdminApiListensOnAPortOfItsOwn() {
        assertThat(app.adminPort()).isPositive().isNotEqualTo(app.port());
        assertThat(app.report().adminAddress()).contains("127.0.0.1:" + app.adminPort());
    }

    @Test
    void theAdminListenerServesTheAdminApi() {
        ApiResponse response = addEnterprise(adminApi);

        assertThat(response).isOk();
    }

    @Test
    void thePublicListenerAnswers404ForAdminPathsEvenWithTheAdminToken() {
        ApiResponse response = addEnterprise(publicApi);

        assertThat(response).hasStatus(404);
        assertThat(response.message()).startsWith("Not found");
    }

    @Test
    void theAdminListenerAnswers404ForTheConnectorAndStaffApis() {
        ApiResponse connector = adminApi.post(Connector.MESSAGE_THREADS_GET_ALL, "{}");
        ApiResponse staff = adminApi.post(Staff.MESSAGE_THREADS_GET_ALL, "{}");

        assertThat(connector).hasStatus(404);
        assertThat(staff).hasStatus(404);
    }

    @Test
    void thePublicListenerServesTheConnectorAndStaffApis() {
        // tenants provisions through the admin listener
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse connector = publicApi.post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10)));
        ApiResponse staff = tenants.staff(tenants.staffToken(integration.enterpriseId()), Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10)));

        assertThat(connector).isOk();
        assertThat(staff).isOk();
    }

    @Test
    void anAdminPortThatIsTakenStopsStartUpNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> onTakenPort = Map.of("CONCIERGE_ADMIN_PORT", Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> TestServers.start(Engine.H2, onTakenPort).close())
                    .hasMessageContaining("admin listener").hasMessageContaining(":" + taken.getLocalPort());
        }
    }
}
