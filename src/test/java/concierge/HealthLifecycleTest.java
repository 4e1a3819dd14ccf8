package concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import concierge.http.HealthEndpoints;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.BoundedCalls;
import concierge.testing.HealthAnswers;
import concierge.testing.PrivatePostgres;
import concierge.testing.ServerProcess;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import concierge.testing.TestServers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 1, on a PostgreSQL cluster of the test's own that it stops and starts: readiness
 * follows the database away and back; an instance started before its database listens at once
 * (live, not ready, the API 503) and becomes ready when the database appears; one stopped before it
 * was ready stops at once; one that cannot start for good exits with status 1.
 */
class HealthLifecycleTest {

    /** How long a probe may take to notice a change: its cached answer, a pool timeout, a restart. */
    private static final Duration NOTICE = Duration.ofSeconds(30);

    static PrivatePostgres cluster;

    App app;

    @BeforeAll
    static void createCluster() {
        cluster = PrivatePostgres.create();
    }

    @AfterAll
    static void removeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopServer() {
        if (app != null) {
            cluster.start(); // the pool closes at once when it can reach its database
            app.close();
        }
    }

    @Test
    void readyTurns503WhenTheDatabaseGoesAwayAndBackTo200WhenItComesBack() {
        cluster.start();
        app = App.start(config());
        assertThat(get(HealthEndpoints.READY)).isOk();

        cluster.stopImmediately();
        ApiResponse unready = BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 503, NOTICE);
        ApiResponse live = get(HealthEndpoints.LIVE);
        cluster.start();
        ApiResponse readyAgain = BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 200, NOTICE);

        assertThat(unready.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(HealthAnswers.status(unready, "database")).isEqualTo("DOWN");
        assertThat(HealthAnswers.status(unready, "serving")).isEqualTo("UP");
        assertThat(live).isOk();
        assertThat(HealthAnswers.status(readyAgain, "database")).isEqualTo("UP");
    }

    @Test
    void startedBeforeItsDatabaseItIsLiveButNotReadyAndTheApiAnswers503() {
        cluster.stopImmediately();
        app = App.starting(config());

        ApiResponse live = get(HealthEndpoints.LIVE);
        ApiResponse ready = get(HealthEndpoints.READY);
        ApiResponse started = get(HealthEndpoints.STARTED);
        ApiResponse api = new ApiClient(app.port()).post(Connector.MESSAGE_THREADS_GET_ALL, "{}");

        assertThat(live).isOk();
        assertThat(ready.status()).isEqualTo(503);
        assertThat(HealthAnswers.status(ready, "serving")).isEqualTo("DOWN");
        assertThat(HealthAnswers.data(ready, "serving").path("step").asText()).isEqualTo("waiting for the database");
        assertThat(started.status()).isEqualTo(503);
        assertThat(api).isError(503);
        assertThat(api.header("Retry-After")).isEqualTo("5");
        assertThat(api.message()).contains("starting");
    }

    @Test
    void startedBeforeItsDatabaseItBecomesReadyWhenTheDatabaseAppears() throws Exception {
        cluster.stopImmediately();
        app = App.starting(config());
        assertThat(get(HealthEndpoints.READY).status()).isEqualTo(503);

        cluster.start();
        app.started().get(NOTICE.toSeconds(), TimeUnit.SECONDS);
        ApiResponse ready = BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 200, NOTICE);
        Tenants tenants = new Tenants(app);
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        ApiResponse read = new ApiClient(app.port()).post(Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));

        assertThat(HealthAnswers.status(ready, "serving")).isEqualTo("UP");
        assertThat(get(HealthEndpoints.STARTED)).isOk();
        assertThat(read).isOk();
    }

    @Test
    void stoppedBeforeItWasReadyItStopsAtOnceWithoutADrain() {
        cluster.stopImmediately();
        App starting = App.starting(config());
        int port = starting.port();

        assertTimeoutPreemptively(NOTICE, () -> starting.drainAndClose(Duration.ofMinutes(5)));

        assertThat(starting.started()).isCancelled();
        assertThat(refusesConnections(port)).isTrue();
    }

    @Test
    void aStartUpFailureThatIsPermanentExitsTheProcessWithStatus1(@TempDir Path directory) {
        Map<String, String> environment = Map.of("CONCIERGE_DB_URL", TestDatabases.PG_URL,
                "CONCIERGE_DB_USER", "no_such_role_" + UUID.randomUUID().toString().replace("-", ""),
                "CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN);

        assertThatThrownBy(() -> ServerProcess.start(environment, directory.resolve("server.log")).close())
                .hasMessageContaining("the server exited with 1")
                .hasMessageContaining("Concierge could not start");
    }

    // ----- helpers

    private static Config config() {
        return TestConfig.on(new TestDatabases.Location(cluster.url(), cluster.user(), ""), Map.of());
    }

    private ApiResponse get(String path) {
        return new ApiClient(app.port()).send("GET", path, null);
    }

    static boolean refusesConnections(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
