package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.Config;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import concierge.testing.TestRedis;
import concierge.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Rate limits over HTTP (spec README D16, connector-api-notes §9): 5 requests per AccessToken in
 * any 30 s span on private servers, spent before the database lookup, answered 429 with the error
 * body and Retry-After; one budget per token across instances that share Redis.
 */
@Tag("slow")
class RateLimitApiTest extends OnBothEngines {

    private final List<App> started = new ArrayList<>();

    @AfterEach
    void closeServers() {
        for (App app : started) {
            app.close();
        }
    }

    private static final Map<String, String> FIVE_PER_THIRTY_SECONDS = Map.of(
            "CONCIERGE_RATE_LIMIT_REQUESTS", "5", "CONCIERGE_RATE_LIMIT_WINDOW_SECONDS", "30");

    private App start(Map<String, String> variables) {
        App app = TestServers.start(engine, variables);
        started.add(app);
        return app;
    }

    /** Two instances on one database, as a deployment behind a load balancer runs them. */
    private List<App> startTwoOnOneDatabase(Map<String, String> variables) {
        Config config = TestConfig.on(TestDatabases.fresh(engine), variables);
        for (int i = 0; i < 2; i++) {
            started.add(App.start(config));
        }
        return List.of(started.get(started.size() - 2), started.getLast());
    }

    /** A valid messageThreads/getAll (for a thread that does not exist: 200 with an empty page). */
    private static ApiResponse getAll(App app, Integration integration) {
        return new ApiClient(app.port()).post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10)));
    }

    private static void spendFive(App app, Integration integration) {
        for (int i = 1; i <= 5; i++) {
            assertThat(getAll(app, integration)).as("request " + i).isOk();
        }
    }

    // ----- the refusal

    @Test
    void sixthRequestOfOneAccessTokenIsRefusedWith429() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth).hasStatus(429);
    }

    @Test
    void refusalHasTheErrorBodyAndRequestId() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth).isError(429);
    }

    @Test
    void refusalCarriesRetryAfterInWholeSecondsWithinTheWindow() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth).hasStatus(429);
        assertThat(sixth.header("Retry-After")).as("Retry-After").isNotNull().matches("[0-9]+");
        assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 30);
    }

    // ----- what is counted, and per what

    @Test
    void anotherAccessTokenOfTheSameClientIsUnaffected() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Tenants tenants = new Tenants(app);
        Integration first = tenants.singleEnterpriseIntegration();
        Integration second = tenants.integration(first.client(), tenants.enterprise());
        spendFive(app, first);
        assertThat(getAll(app, first)).hasStatus(429);

        spendFive(app, second);
    }

    static List<Operation> connectorOperations() {
        return Operations.authenticatedBy(Auth.CONNECTOR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorOperations")
    void everyOperationSpendsTheSameBudgetOfTheToken(Operation operation) {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Tenants tenants = new Tenants(app);
        World world = World.provision(tenants).withFreshTokens(tenants);
        for (int i = 1; i <= 5; i++) {
            assertThat(operation.call(tenants.api(), world)).as("request %d", i).isOk();
        }

        assertThat(getAll(app, world.integration())).as("another operation, the budget spent").hasStatus(429);
        assertThat(operation.call(tenants.api(), world)).as("the operation itself, the budget spent").hasStatus(429);
    }

    @Test
    void requestsWithInvalidBodiesAfterTheCredentialsAreCounted() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        ApiClient api = new ApiClient(app.port());
        for (int i = 1; i <= 5; i++) {
            ApiResponse invalid = api.post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                    "MessageThreadIds", List.of(UUID.randomUUID().toString()),
                    "Limitation", Map.of("Count", 0)));
            assertThat(invalid).as("invalid request %d", i).hasStatus(400);
            assertThat(invalid.message()).contains("Limitation.Count");
        }

        ApiResponse valid = getAll(app, integration);

        assertThat(valid).hasStatus(429);
    }

    @Test
    void unknownAccessTokensAreCountedBeforeTheDatabaseLookup() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration known = new Tenants(app).singleEnterpriseIntegration();
        Integration unknown = new Integration(UUID.randomUUID(), known.client(),
                "unknown-" + UUID.randomUUID(), known.enterpriseIds());
        for (int i = 1; i <= 5; i++) {
            ApiResponse response = getAll(app, unknown);
            assertThat(response).as("request %d", i).hasStatus(401);
        }

        ApiResponse sixth = getAll(app, unknown);

        assertThat(sixth).as("no database lookup once the budget is spent").hasStatus(429);
    }

    @Test
    void requestsRefusedBeforeTheCredentialsAreReadAreNotCounted() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        ApiClient api = new ApiClient(app.port());
        Map<String, Object> withoutClientToken = integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10));
        withoutClientToken.remove("ClientToken");
        for (int i = 1; i <= 10; i++) {
            ApiResponse response = api.post(Connector.MESSAGE_THREADS_GET_ALL, withoutClientToken);
            assertThat(response).as("request %d", i).hasStatus(400);
        }

        spendFive(app, integration);
    }

    // ----- where the budget lives

    @Test
    void twoInstancesSharingRedisShareOneBudgetPerToken() {
        List<App> instances = startTwoOnOneDatabase(TestConfig.both(FIVE_PER_THIRTY_SECONDS,
                Map.of("CONCIERGE_REDIS_URL", TestRedis.url())));
        App a = instances.get(0);
        App b = instances.get(1);
        Integration integration = new Tenants(a).singleEnterpriseIntegration();
        for (int i = 1; i <= 3; i++) {
            assertThat(getAll(a, integration)).as("request " + i + " on A").isOk();
        }
        for (int i = 4; i <= 5; i++) {
            assertThat(getAll(b, integration)).as("request " + i + " on B").isOk();
        }

        assertThat(getAll(a, integration)).as("the next on A").hasStatus(429);
        assertThat(getAll(b, integration)).as("the next on B").hasStatus(429);
    }

    @Test
    void twoInProcessInstancesKeepSeparateBudgets() {
        List<App> instances = startTwoOnOneDatabase(FIVE_PER_THIRTY_SECONDS);
        App a = instances.get(0);
        App b = instances.get(1);
        Integration integration = new Tenants(a).singleEnterpriseIntegration();
        spendFive(a, integration);
        assertThat(getAll(a, integration)).as("the next on A").hasStatus(429);

        spendFive(b, integration);
    }

    @Test
    void serverWithUnreachableRedisStartsAndServesEveryRequest() {
        App app = start(TestConfig.both(FIVE_PER_THIRTY_SECONDS,
                Map.of("CONCIERGE_REDIS_URL", TestRedis.unreachableUrl())));
        Integration integration = new Tenants(app).singleEnterpriseIntegration();

        for (int i = 1; i <= 10; i++) {
            assertThat(getAll(app, integration)).as("request " + i + " (fail open)").isOk();
        }
    }
}
