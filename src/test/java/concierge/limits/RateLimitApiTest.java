package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.Config;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rate limits over HTTP (spec README D16, connector-api-notes §9): 5 requests per AccessToken in
 * any 30 s span on private servers, spent before the database lookup, answered 429 with the error
 * body and Retry-After; one budget per token across instances that share Redis.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class RateLimitApiTest {


    @Parameter
    Engine engine;

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

    private static void assertAccepted(ApiResponse response, String what) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(200);
    }

    private static void spendFive(App app, Integration integration) {
        for (int i = 1; i <= 5; i++) {
            assertAccepted(getAll(app, integration), "request " + i);
        }
    }

    // ----- the refusal

    @Test
    void sixthRequestOfOneAccessTokenIsRefusedWith429() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
    }

    @Test
    void refusalHasTheErrorBodyAndRequestId() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
        JsonNode body = sixth.json();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(body.path("Message").asText()).isNotBlank();
        assertThat(body.path("RequestId").asText()).isNotBlank().isEqualTo(sixth.header("Request-Id"));
    }

    @Test
    void refusalCarriesRetryAfterInWholeSecondsWithinTheWindow() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        spendFive(app, integration);

        ApiResponse sixth = getAll(app, integration);

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
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
        assertThat(getAll(app, first).status()).isEqualTo(429);

        spendFive(app, second);
    }

    @Test
    void everyOperationSpendsTheSameBudgetOfTheToken() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration integration = new Tenants(app).singleEnterpriseIntegration();
        ApiClient api = new ApiClient(app.port());
        assertAccepted(getAll(app, integration), "messageThreads/getAll");
        ApiResponse added = api.post(Connector.MESSAGE_THREADS_ADD, integration.body("OriginalSender", "Guest", "Subject", "Question"));
        assertAccepted(added, "messageThreads/add");
        String threadId = added.json().path("MessageThreads").get(0).path("Id").asText();
        Map<String, Object> messagesGetAll = integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10));
        assertAccepted(api.post(Connector.MESSAGES_GET_ALL, messagesGetAll), "messages/getAll 1");
        assertAccepted(api.post(Connector.MESSAGES_GET_ALL, messagesGetAll), "messages/getAll 2");
        assertAccepted(getAll(app, integration), "messageThreads/getAll");

        ApiResponse sixth = api.post(Connector.MESSAGES_ADD, integration.body(
                "Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Hello"))));

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
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
            assertThat(invalid.status()).as("invalid request %d: %s", i, invalid).isEqualTo(400);
            assertThat(invalid.message()).contains("Limitation.Count");
        }

        ApiResponse valid = getAll(app, integration);

        assertThat(valid.status()).as(valid.toString()).isEqualTo(429);
    }

    @Test
    void unknownAccessTokensAreCountedBeforeTheDatabaseLookup() {
        App app = start(FIVE_PER_THIRTY_SECONDS);
        Integration known = new Tenants(app).singleEnterpriseIntegration();
        Integration unknown = new Integration(UUID.randomUUID(), known.client(),
                "unknown-" + UUID.randomUUID(), known.enterpriseIds());
        for (int i = 1; i <= 5; i++) {
            ApiResponse response = getAll(app, unknown);
            assertThat(response.status()).as("request %d: %s", i, response).isEqualTo(401);
        }

        ApiResponse sixth = getAll(app, unknown);

        assertThat(sixth.status()).as("no database lookup once the budget is spent: " + sixth).isEqualTo(429);
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
            assertThat(response.status()).as("request %d: %s", i, response).isEqualTo(400);
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
            assertAccepted(getAll(a, integration), "request " + i + " on A");
        }
        for (int i = 4; i <= 5; i++) {
            assertAccepted(getAll(b, integration), "request " + i + " on B");
        }

        assertThat(getAll(a, integration).status()).as("the next on A").isEqualTo(429);
        assertThat(getAll(b, integration).status()).as("the next on B").isEqualTo(429);
    }

    @Test
    void twoInProcessInstancesKeepSeparateBudgets() {
        List<App> instances = startTwoOnOneDatabase(FIVE_PER_THIRTY_SECONDS);
        App a = instances.get(0);
        App b = instances.get(1);
        Integration integration = new Tenants(a).singleEnterpriseIntegration();
        spendFive(a, integration);
        assertThat(getAll(a, integration).status()).as("the next on A").isEqualTo(429);

        spendFive(b, integration);
    }

    @Test
    void serverWithUnreachableRedisStartsAndServesEveryRequest() {
        App app = start(TestConfig.both(FIVE_PER_THIRTY_SECONDS,
                Map.of("CONCIERGE_REDIS_URL", TestRedis.unreachableUrl())));
        Integration integration = new Tenants(app).singleEnterpriseIntegration();

        for (int i = 1; i <= 10; i++) {
            assertAccepted(getAll(app, integration), "request " + i + " (fail open)");
        }
    }
}
