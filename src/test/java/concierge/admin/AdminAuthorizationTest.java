package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnH2;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    static List<Operation> adminOperations() {
        return Operations.authenticatedBy(Auth.ADMIN);
    }

    /** A hostile tenant: its own valid tokens, as bearer, with the operation's valid example body. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminOperations")
    void aTenantsOwnTokensAreNoAdminToken(Operation operation) {
        World world = World.provision(tenants);
        Map<String, Object> body = operation.example().apply(world);

        for (String token : List.of(world.staffToken(), world.integration().accessToken(),
                world.integration().client().clientToken())) {
            assertThat(tenants.api().post(operation.path(), body, "Authorization", "Bearer " + token)).isUnauthorized();
        }
    }
}
