package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths;
import concierge.testing.HealthAnswers;
import concierge.testing.OnBothEngines;
import concierge.testing.TestRedis;
import concierge.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 1 on a running instance: the three probes, their JSON, and that nothing else under
 * /health (nor another method on a probe) escapes the API's exact-path 404. Start-up, the database
 * going away and the drain: HealthLifecycleTest.
 */
class HealthEndpointsTest extends OnBothEngines {

    private static final List<String> NOT_PROBES = List.of("/health", "/health/", "/health/x", "/health/live/",
            "/health/LIVE", "/Health/live", "/%68ealth/live", "/health/%6Cive", "/health/check/database",
            "/health/ready/database", "/health/live/x", "/observe/health", "/observe/health/ready", "/observe");

    private ApiResponse get(int port, String path) {
        return new ApiClient(port).send("GET", path, null);
    }

    private ApiResponse get(String path) {
        return get(server().port(), path);
    }

    @Test
    void liveAnswers200() {
        ApiResponse live = get(HealthEndpoints.LIVE);

        assertThat(live).isOk();
        assertThat(live.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void readyAnswers200WhileServingWithTheDatabaseAnswering() {
        ApiResponse ready = get(HealthEndpoints.READY);

        assertThat(ready).isOk();
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        assertThat(HealthAnswers.statuses(ready)).containsExactlyInAnyOrderEntriesOf(Map.of("serving", "UP", "database", "UP"));
    }

    @Test
    void startedAnswers200OnceStartUpIsDone() {
        ApiResponse started = get(HealthEndpoints.STARTED);

        assertThat(started).isOk();
        assertThat(HealthAnswers.statuses(started)).containsExactlyEntriesOf(Map.of("startup", "UP"));
    }

    @Test
    void aHeadOfReadyAnswersSuccessWithoutABody() {
        ApiResponse head = new ApiClient(server().port()).send("HEAD", HealthEndpoints.READY, null);

        assertThat(head.status()).isBetween(200, 299);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void everyOtherPathUnderHealthGetsTheApiNotFound() {
        for (String path : NOT_PROBES) {
            assertThat(get(path)).as(path).isError(404);
        }
    }

    @Test
    void anotherMethodOnAProbeGetsTheApiNotFound() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            assertThat(new ApiClient(server().port()).send(method, HealthEndpoints.LIVE, "{}"))
                    .as(method).isError(404);
        }
    }

    /**
     * A server of its own: the shared one's pool serves every test class at once, and a probe that
     * waits longer than 1 s for a connection there is rightly answered 503.
     */
    @Test
    void anAnonymousCallerProbingInALoopIsAnsweredEveryTimeAndLearnsNothingOfTheDatabase() throws Exception {
        int callers = 16;
        int probesEach = 60;
        List<Future<List<ApiResponse>>> answers = new ArrayList<>();
        try (App app = TestServers.start(engine, Map.of());
             ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int caller = 0; caller < callers; caller++) {
                answers.add(pool.submit(() -> {
                    List<ApiResponse> mine = new ArrayList<>();
                    for (int i = 0; i < probesEach; i++) {
                        mine.add(get(app.port(), HealthEndpoints.READY));
                    }
                    return mine;
                }));
            }
        }

        for (Future<List<ApiResponse>> caller : answers) {
            for (ApiResponse ready : caller.get()) {
                assertThat(ready).isOk();
                assertThat(ready.body()).doesNotContainIgnoringCase("jdbc").doesNotContain("127.0.0.1")
                        .doesNotContain("concierge_test_").doesNotContainIgnoringCase("exception");
            }
        }
    }

    @Test
    void theAdminListenerOfItsOwnServesTheProbesAndOnlyThemUnderHealth() {
        try (App app = TestServers.startWithAnAdminListener(engine)) {
            assertThat(get(app.adminPort(), HealthEndpoints.LIVE)).isOk();
            assertThat(get(app.adminPort(), HealthEndpoints.READY)).isOk();
            assertThat(get(app.adminPort(), HealthEndpoints.STARTED)).isOk();
            assertThat(get(app.adminPort(), "/health/x")).isError(404);
            assertThat(new ApiClient(app.adminPort()).admin(ApiPaths.Admin.ENTERPRISES_ADD,
                    Map.of("Enterprises", List.of(Map.of("Name", "Health check hotel"))))).isOk();
        }
    }

    @Test
    void redisBeingDownIsReportedWithoutMakingTheInstanceUnready() {
        try (App app = TestServers.start(engine, Map.of("CONCIERGE_REDIS_URL", TestRedis.unreachableUrl()))) {
            ApiResponse ready = get(app.port(), HealthEndpoints.READY);

            assertThat(ready).isOk();
            JsonNode redis = HealthAnswers.check(ready, "redis");
            assertThat(redis.path("status").asText()).isEqualTo("UP");
            assertThat(redis.path("data").path("connected").asBoolean(true)).isFalse();
        }
    }

    @Test
    void redisConnectedIsReported() {
        try (App app = TestServers.start(engine, Map.of("CONCIERGE_REDIS_URL", TestRedis.url()))) {
            ApiResponse ready = get(app.port(), HealthEndpoints.READY);

            assertThat(ready).isOk();
            assertThat(HealthAnswers.data(ready, "redis").path("connected").asBoolean(false)).isTrue();
        }
    }
}
