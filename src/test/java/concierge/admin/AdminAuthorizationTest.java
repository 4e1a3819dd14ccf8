package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call the admin API (spec §3): only a caller presenting the admin token as a bearer token;
 * anyone else gets 401 with the error body. No database takes part in the decision.
 */
class AdminAuthorizationTest extends OnH2 {

    private static final Map<String, Object> ENTERPRISE = Map.of("Enterprises", List.of(Map.of("Name", "Hotel")));

    @Test
    void missingAuthorizationIsRefusedWith401AndTheErrorBody() {
        assertThat(tenants.api().post(Admin.ENTERPRISES_ADD, ENTERPRISE)).isUnauthorized();
    }

    @Test
    void wrongAdminTokenIsRefusedWith401AndTheErrorBody() {
        assertThat(tenants.api().post(Admin.ENTERPRISES_ADD, ENTERPRISE,
                "Authorization", "Bearer not-the-admin-token")).isUnauthorized();
    }

    @Test
    void adminTokenInAnotherSchemeThanBearerIsRefusedWith401() {
        assertThat(tenants.api().post(Admin.ENTERPRISES_ADD, ENTERPRISE,
                "Authorization", "Basic " + TestServers.ADMIN_TOKEN)).isUnauthorized();
    }
}
