package concierge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import concierge.App;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.BoundedCalls;
import concierge.testing.PrivatePostgres;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 4 §4, database faults, on a PostgreSQL cluster of the test's own that it stops and starts
 * (never the shared server on 5432): with the database down requests fail fast with 503 and the
 * error body; the same server recovers by itself; start-up waits for the database with a log line
 * per try.
 */
@Isolated("stops and starts a PostgreSQL cluster within start-up patience windows; captures the Database logger, which every server in the JVM writes to")
class DatabaseOutageTest {

    private static final int REQUEST_TIMEOUT_SECONDS = 30;
    /** Well under the request timeout: an answer later than this did not fail fast. */
    private static final Duration FAST = Duration.ofSeconds(10);


    static PrivatePostgres cluster;
    /** Held here so the logger, and the handler on it, outlive any garbage collection. */
    static final Logger DATABASE_LOG = Logger.getLogger(Database.class.getName());

    App app;
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

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

    @BeforeEach
    void captureDatabaseLog() {
        DATABASE_LOG.addHandler(logCapture);
    }

    @AfterEach
    void stopServer() {
        DATABASE_LOG.removeHandler(logCapture);
        if (app != null) {
            cluster.start(); // the pool closes at once when it can reach its database
            app.close();
        }
    }

    // ----- a running server whose database goes away

    @Test
    void requestsWhileTheDatabaseIsDownFailFastWith503() {
        app = startServer();
        Tenants tenants = new Tenants(app);
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        cluster.stopImmediately();
        // Sent together: each may wait for the pool's connection timeout.
        CompletableFuture<ApiResponse> read = CompletableFuture.supplyAsync(() -> post(Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10))));
        CompletableFuture<ApiResponse> write = CompletableFuture.supplyAsync(() -> post(Connector.MESSAGES_ADD,
                addOne(integration, threadId, "While the database is down")));

        assertThat(read.join()).isError(503);
        assertThat(write.join()).isError(503);
    }

    @Test
    void sameServerAnswers200AgainOnceTheDatabaseIsBack() {
        app = startServer();
        Tenants tenants = new Tenants(app);
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        cluster.stopImmediately();
        assertThat(post(Connector.MESSAGES_ADD, addOne(integration, threadId, "Lost"))).isError(503);

        cluster.start();
        ApiResponse added = awaitNot503(() -> post(Connector.MESSAGES_ADD, addOne(integration, threadId, "Back again")));
        ApiResponse read = post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));

        assertThat(added).isOk();
        assertThat(read).isOk();
        assertThat(read.json().path("Messages").findValuesAsText("Text")).containsExactly("Back again");
    }

    // ----- start-up before the database is there

    @Test
    void startupGivesUpAfterItsPatienceWithALogLinePerTry() {
        int nothingListens = PrivatePostgres.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + nothingListens + "/postgres";

        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> Database.openWhenReachable(url, "postgres", "", 2, Duration.ofSeconds(4)))
                        .satisfies(failure -> assertThat(DatabaseFailures.isUnreachable(failure))
                                .as(failure.toString()).isTrue()));

        assertThat(logLines).as("a log line before each retry").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("127.0.0.1:" + nothingListens));
    }

    @Test
    void startupSucceedsWhenTheDatabaseStartsListeningWhileItWaits() throws Exception {
        cluster.stopImmediately();
        CompletableFuture<Database> opening = openInBackground();
        awaitFirstRetry(opening);

        cluster.start();

        try (Database database = opening.get(60, TimeUnit.SECONDS)) {
            assertThat(answersQueries(database)).isTrue();
        }
    }

    @Test
    void startupKeepsWaitingWhileTheDatabaseIsStillStartingUp() throws Exception {
        cluster.stopImmediately();
        cluster.startStillStartingUp(); // listens, but refuses clients (SQLSTATE 57P03)
        CompletableFuture<Database> opening = openInBackground();
        awaitFirstRetry(opening);

        cluster.promote();

        try (Database database = opening.get(60, TimeUnit.SECONDS)) {
            assertThat(answersQueries(database)).isTrue();
        }
    }

    // ----- helpers

    private static boolean answersQueries(Database database) {
        Integer one = database.jdbi().withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        return one == 1;
    }

    private static App startServer() {
        cluster.start();
        return App.start(TestConfig.on(new TestDatabases.Location(cluster.url(), cluster.user(), ""),
                Map.of("CONCIERGE_REQUEST_TIMEOUT_SECONDS", Integer.toString(REQUEST_TIMEOUT_SECONDS))));
    }

    private ApiResponse post(String path, Object body) {
        return BoundedCalls.post(app.port(), FAST, path, body);
    }

    /** Repeats {@code call} until it answers something other than 503 (the database may still be starting). */
    private static ApiResponse awaitNot503(java.util.function.Supplier<ApiResponse> call) {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiResponse response = call.get();
        while (response.status() == 503 && System.nanoTime() < giveUpAt) {
            pause(Duration.ofMillis(200));
            response = call.get();
        }
        return response;
    }

    private static CompletableFuture<Database> openInBackground() {
        return CompletableFuture.supplyAsync(() ->
                Database.openWhenReachable(cluster.url(), cluster.user(), "", 2, Duration.ofSeconds(60)));
    }

    /** Waits for the first "not reachable, retrying" line; fails at once if opening already gave up. */
    private void awaitFirstRetry(CompletableFuture<Database> opening) throws InterruptedException {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (logLines.isEmpty()) {
            if (opening.isDone()) {
                try {
                    opening.get().close();
                    fail("opened a database that was not up yet");
                } catch (ExecutionException e) {
                    fail("start-up gave up instead of waiting: " + e.getCause(), e.getCause());
                }
            }
            if (System.nanoTime() > giveUpAt) {
                fail("no retry logged within 20 s");
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static Map<String, Object> addOne(Integration integration, String threadId, String text) {
        return integration.body("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", text)));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
