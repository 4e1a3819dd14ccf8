package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.OnBothEngines;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * What every operation does alike (README "Errors", spec D12, D13): its example request is answered
 * with its shape; a body that is not JSON is a 400, a request without valid credentials a 401, any
 * method but POST a 404 and a body over the limit a 413, each in the error format with its RequestId.
 * The operations are {@link Operations#ALL}, which must be exactly the server's own.
 */
@Tag("slow")
class EveryOperationTest extends OnBothEngines {

    /** The smallest body limit there is (CONCIERGE_MAX_BODY_BYTES): every example fits. */
    private static final int SMALL_LIMIT = 1024;

    /** A server of its own per engine, for its body limit; budgets out of reach, for its many 401s. */
    static App app;

    World world;

    @BeforeParameterizedClassInvocation
    static void startWithASmallBodyLimit(Engine engine) {
        // Its own database: the reset example may delete it, also on PostgreSQL.
        app = TestServers.start(engine, TestConfig.both(TestConfig.UNLIMITED,
                Map.of("CONCIERGE_MAX_BODY_BYTES", Integer.toString(SMALL_LIMIT), "CONCIERGE_ALLOW_RESET", "true")));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @BeforeEach
    void provision() {
        world = World.provision(tenants);
    }

    static List<Operation> operations() {
        return Operations.ALL;
    }

    @Test
    void theCatalogueHasExactlyTheOperationsOfTheServer() {
        List<String> catalogue = Operations.ALL.stream().map(Operation::path).toList();
        List<String> served = app.operationPaths();

        assertThat(without(served, catalogue)).as("operations the server has and testing.Operations lacks").isEmpty();
        assertThat(without(catalogue, served)).as("operations in testing.Operations the server does not have").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void theExampleIsAnsweredWithTheOperationsShape(Operation operation) {
        ApiResponse response = operation.call(api(), world);

        assertThat(response).isOk().hasRequestId().hasShape(operation.answer());
        if (operation.touchesTenantData()) {
            // The world has data for every example of the Connector and staff APIs to list or add.
            assertThat(response.json().path(operation.answer().array())).as(response.toString()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aBodyThatIsNotJsonIsABadRequest(Operation operation) {
        ApiResponse response = operation.send(api(), world, "not json");

        assertThat(response).isBadRequest().hasMessageStartingWith("Invalid JSON");
    }

    /** An unknown AccessToken in the body; or a missing or unknown bearer, checked before the body's fields (here none). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aRequestWithoutValidCredentialsIsUnauthorized(Operation operation) {
        List<ApiResponse> refused = new ArrayList<>();
        if (operation.auth() == Auth.CONNECTOR) {
            Map<String, Object> body = operation.body(world, world);
            body.put("AccessToken", "unknown-" + UUID.randomUUID());
            refused.add(api().post(operation.path(), body));
        } else {
            refused.add(api().post(operation.path(), Map.of()));
            refused.add(api().post(operation.path(), Map.of(), "Authorization", "Bearer unknown-" + UUID.randomUUID()));
        }

        assertThat(refused).allSatisfy(response -> assertThat(response).isUnauthorized());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anyMethodButPostIsNotFound(Operation operation) {
        for (String method : List.of("GET", "PUT")) {
            ApiResponse response = api().send(method, operation.path(), method.equals("GET") ? null : "{}");

            assertThat(response).as(method).isError(404).hasMessageStartingWith("Not found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aBodyOverTheLimitIsTooLarge(Operation operation) {
        Map<String, Object> body = operation.body(world, world);
        body.put("Padding", "");
        int size = ApiClient.toJson(body).length();
        body.put("Padding", "x".repeat(SMALL_LIMIT + 1 - size));

        ApiResponse response = operation.send(api(), world, body);

        assertThat(ApiClient.toJson(body)).hasSize(SMALL_LIMIT + 1);
        assertThat(response).isError(413);
    }

    private ApiClient api() {
        return tenants.api();
    }

    private static List<String> without(List<String> paths, List<String> others) {
        return paths.stream().filter(path -> !others.contains(path)).toList();
    }
}
