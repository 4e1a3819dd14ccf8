package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.Config;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10 §3/§8: the staff API has a budget per staff token of its own (here 5 requests in any
 * 30 s), spent before the token is looked up, answered 429 with Retry-After; it is not the
 * Connector's budget, and instances sharing Redis share it.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StaffRateLimitTest {

    private static final int LIMIT = 5;
    private static final int WINDOW_SECONDS = 30;

    @Parameter
    Engine engine;

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
            assertThat(response.status()).as("request %d: %s", i, response).isEqualTo(200);
        }
    }

    @Test
    void theRequestOverTheBudgetIsRefused429WithRetryAfter() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        String token = tenants.staffToken(tenants.enterprise());
        spendTheBudget(tenants, token);

        ApiResponse over = inbox(tenants, token);

        assertThat(over.status()).as(over.toString()).isEqualTo(429);
        assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, WINDOW_SECONDS);
        assertThat(over.message()).contains("5 requests per staff token in any 30 seconds");
    }

    @Test
    void everyStaffOperationSpendsTheSameBudget() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String token = tenants.staffToken(integration.enterpriseId());
        String threadId = tenants.addThread(integration).path("Id").asText();
        List<String> thread = List.of(threadId);
        assertThat(inbox(tenants, token).status()).isEqualTo(200);
        assertThat(tenants.staff(token, Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", thread, "Limitation", Map.of("Count", 10))).status()).isEqualTo(200);
        assertThat(tenants.staff(token, Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Hi")))).status()).isEqualTo(200);
        assertThat(tenants.staff(token, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", thread, "IsResolved", true)).status()).isEqualTo(200);
        assertThat(inbox(tenants, token).status()).isEqualTo(200);

        ApiResponse sixth = tenants.staff(token, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", thread, "IsResolved", false));

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
    }

    @Test
    void anotherStaffTokenAndTheConnectorApiKeepTheirOwnBudgets() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String spent = tenants.staffToken(integration.enterpriseId());
        spendTheBudget(tenants, spent);
        assertThat(inbox(tenants, spent).status()).isEqualTo(429);

        spendTheBudget(tenants, tenants.staffToken(integration.enterpriseId()));
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertThat(tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                    "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10)))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownStaffTokenSpendsItsBudgetBeforeTheLookup() {
        Tenants tenants = new Tenants(start(FIVE_PER_THIRTY_SECONDS));
        String guess = "guess-" + UUID.randomUUID();
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(inbox(tenants, guess).status()).isEqualTo(401);
        }

        assertThat(inbox(tenants, guess).status()).isEqualTo(429);
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
            assertThat(inbox(i % 2 == 0 ? onFirst : onSecond, token).status()).as("request %d", i).isEqualTo(200);
        }

        assertThat(inbox(onFirst, token).status()).isEqualTo(429);
        assertThat(inbox(onSecond, token).status()).isEqualTo(429);
    }
}
