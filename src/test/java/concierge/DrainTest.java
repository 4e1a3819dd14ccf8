package concierge;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.HealthEndpoints;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.BoundedCalls;
import concierge.testing.HealthAnswers;
import concierge.testing.OnH2;
import concierge.testing.RawHttp;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM's drain (Main's shutdown hook calls {@link App#drainAndClose}), in-process: the instance is
 * unready at once, serves requests on old and new connections all through the drain period, then
 * stops. The drain here is long and ended by an interrupt, so that nothing waits for it.
 */
class DrainTest extends OnH2 {

    private static final Duration LONG_DRAIN = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    App app;
    Integration integration;
    String threadId;
    Thread drain;

    @Override
    protected App server() {
        if (app == null) {
            app = TestServers.start(engine, Map.of());
        }
        return app;
    }

    @BeforeEach
    void aThreadToRead() {
        integration = tenants.singleEnterpriseIntegration();
        threadId = tenants.addThread(integration).path("Id").asText();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (drain != null) {
            drain.interrupt();
            drain.join(PATIENCE);
        }
        app.close();
    }

    @Test
    void readyTurns503AtOnceNamingTheDrain() {
        drain = Thread.ofPlatform().start(() -> app.drainAndClose(LONG_DRAIN));

        ApiResponse ready = BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 503, PATIENCE);

        assertThat(HealthAnswers.status(ready, "serving")).isEqualTo("DOWN");
        assertThat(HealthAnswers.data(ready, "serving").path("phase").asText()).isEqualTo("draining");
        assertThat(new ApiClient(app.port()).send("GET", HealthEndpoints.LIVE, null)).isOk();
    }

    @Test
    void requestsOnOldAndNewConnectionsAreServedThroughTheDrain() throws Exception {
        ApiClient keptAlive = new ApiClient(app.port());
        assertThat(keptAlive.post(Connector.MESSAGE_THREADS_GET_ALL, readBody())).isOk();
        drain = Thread.ofPlatform().start(() -> app.drainAndClose(LONG_DRAIN));
        BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 503, PATIENCE);

        ApiResponse onTheOldConnection = keptAlive.post(Connector.MESSAGE_THREADS_GET_ALL, readBody());
        RawHttp.Response onANewConnection = RawHttp.post(InetAddress.getLoopbackAddress(), app.port(),
                Connector.MESSAGE_THREADS_GET_ALL, ApiClient.toJson(readBody()));
        boolean stillDraining = drain.isAlive();

        assertThat(onTheOldConnection).isOk();
        assertThat(onANewConnection.status()).isEqualTo(200);
        assertThat(stillDraining).isTrue();
    }

    @Test
    void answersDuringTheDrainAskTheClientToCloseItsConnection() {
        ApiClient keptAlive = new ApiClient(app.port());
        ApiResponse before = keptAlive.post(Connector.MESSAGE_THREADS_GET_ALL, readBody());
        drain = Thread.ofPlatform().start(() -> app.drainAndClose(LONG_DRAIN));
        BoundedCalls.awaitStatus(app.port(), HealthEndpoints.READY, 503, PATIENCE);

        ApiResponse during = keptAlive.post(Connector.MESSAGE_THREADS_GET_ALL, readBody());

        assertThat(before.header("Connection")).isNotEqualToIgnoringCase("close");
        assertThat(during).isOk();
        assertThat(during.header("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void theServerStopsWhenTheDrainEnds() throws InterruptedException {
        int port = app.port();
        drain = Thread.ofPlatform().start(() -> app.drainAndClose(LONG_DRAIN));
        BoundedCalls.awaitStatus(port, HealthEndpoints.READY, 503, PATIENCE);

        drain.interrupt(); // the drain period is over
        drain.join(PATIENCE);

        assertThat(drain.isAlive()).isFalse();
        assertThat(HealthLifecycleTest.refusesConnections(port)).isTrue();
    }

    @Test
    void aDrainOfZeroStopsAtOnce() {
        int port = app.port();

        app.drainAndClose(Duration.ZERO);

        assertThat(HealthLifecycleTest.refusesConnections(port)).isTrue();
    }

    private Map<String, Object> readBody() {
        return integration.body("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10));
    }
}
