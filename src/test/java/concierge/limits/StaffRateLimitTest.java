package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.Config;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.Tenants;
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

/**
 * Issue 10 §3/§8: the staff API has a budget per staff token of its own (here 5 requests in any
 * 30 s), spent before the token is looked up, answered 429 with Retry-After; it is not the
 * Connector's budget, and instances sharing Redis share it.
 */
class StaffRateLimitTest extends OnBothEngines {

    private static final int LIMIT = 5;
    private static final int WINDOW_SECONDS = 30;

    private final List<App> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(App::close);
    }

    private static final Map<String, String> FIVE_PER_THIRTY_SECONDS = Map.of(
            "CONCIERGE_STAFF_RATE_LIMIT_REQUESTS", Integer.toString(LIMIT),
            "CONCIERGE_STAFF_RATE_LIMIT_WINDOW_SECONDS", Integer.toString(WINDOW_SECONDS));

    private App start(Map<String, String> variables) {
        App app = TestServers.start(engine, variables);
        started.add(app);
        return app;
    }

    private static ApiResponse inbox(Tenants tenants, String token) {
        return tenants.staff(token, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 10)));
    }

    private static void spendTheBudget(Tenants tenants, String token) {
        for (int i = 1; i <= LIMIT; i++) {
            ApiResponse response = inbox(tenants, token);
            assertThat(response).as("request %d", i).isOk();
        }
    }

    @Test
    void theRequestOverTheBudgetIsRefused429WithRetryAfter() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        String token = tenants.staffToken(tenants.enterprise());
        spendTheBudget(tenants, token);

        ApiResponse over = inbox(tenants, token);

        assertThat(over).hasStatus(429);
        assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, WINDOW_SECONDS);
        assertThat(over.message()).contains("5 requests per staff token in any 30 seconds");
    }

    static List<Operation> staffOperations() {
        return Operations.authenticatedBy(Auth.STAFF);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staffOperations")
    void everyStaffOperationSpendsTheSameBudget(Operation operation) {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        World world = World.provision(tenants);
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(operation.call(tenants.api(), world)).as("request %d", i).isOk();
        }

        assertThat(inbox(tenants, world.staffToken())).as("another operation, the budget spent").hasStatus(429);
        assertThat(operation.call(tenants.api(), world)).as("the operation itself, the budget spent").hasStatus(429);
    }

    @Test
    void anotherStaffTokenAndTheConnectorApiKeepTheirOwnBudgets() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String spent = tenants.staffToken(integration.enterpriseId());
        spendTheBudget(tenants, spent);
        assertThat(inbox(tenants, spent)).hasStatus(429);

        spendTheBudget(tenants, tenants.staffToken(integration.enterpriseId()));
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertThat(tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                    "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10)))
                    ).isOk();
        }
    }

    @Test
    void anUnknownStaffTokenSpendsItsBudgetBeforeTheLookup() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        String guess = "guess-" + UUID.randomUUID();
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(inbox(tenants, guess)).hasStatus(401);
        }

        assertThat(inbox(tenants, guess)).hasStatus(429);
    }

    @Test
    void instancesSharingRedisShareTheBudgetOfAStaffToken() {
        Config config = TestConfig.on(TestDatabases.fresh(engine),
                TestConfig.both(FIVE_PER_THIRTY_SECONDS, Map.of("CONCIERGE_REDIS_URL", TestRedis.url())));
        App first = App.start(config);
        started.add(first);
        App second = App.start(config);
        started.add(second);
        Tenants onFirst = new Tenants(first);
        Tenants onSecond = new Tenants(second);
        String token = onFirst.staffToken(onFirst.enterprise());
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(inbox(i % 2 == 0 ? onFirst : onSecond, token)).as("request %d", i).isOk();
        }

        assertThat(inbox(onFirst, token)).hasStatus(429);
        assertThat(inbox(onSecond, token)).hasStatus(429);
    }
}
