package concierge.store;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.BoundedCalls;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §5: a request whose transaction PostgreSQL rolls back to break a deadlock is run again
 * (RetryingTransactionHandler) and answered 200, not 500. The test makes the deadlock itself: its own
 * transaction holds the second of two threads while the server's staff resolve holds the first and
 * waits for the second, then asks for the first.
 */
class DeadlockRetryTest {

    private static final String STAFF_RESOLVE = "/api/staff/v1/messageThreads/resolve";
    private static final Duration NO_ANSWER = Duration.ofSeconds(20);

    static App app;
    static String applicationName;

    @BeforeAll
    static void startServer() {
        TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);
        applicationName = "concierge-deadlock-" + UUID.randomUUID();
        app = App.start(TestConfig.on(database,
                Map.of("CONCIERGE_DB_URL", database.url() + "&ApplicationName=" + applicationName)));
    }

    @AfterAll
    static void stopServer() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void requestChosenAsADeadlockVictimIsRetriedAndAnswered200() throws Exception {
        Tenants tenants = new Tenants(app);
        Integration integration = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(integration.enterpriseId());
        // The order PostgreSQL sorts uuids in (bytewise), which is the order the server locks them in.
        List<String> threads = List.of(tenants.addThread(integration).path("Id").asText(),
                tenants.addThread(integration).path("Id").asText()).stream().sorted().toList();

        CompletableFuture<ApiResponse> resolve;
        try (Handle test = app.database().jdbi().open()) {
            test.begin();
            // The server's session detects the deadlock first (after its 1 s default) and is the victim.
            test.execute("SET LOCAL deadlock_timeout = '30s'");
            lock(test, threads.get(1));
            resolve = CompletableFuture.supplyAsync(() -> BoundedCalls.post(app.port(), NO_ANSWER, STAFF_RESOLVE,
                    Map.of("MessageThreadIds", threads, "IsResolved", true), "Authorization", "Bearer " + staffToken));
            awaitServerWaitingForALock(test);
            lock(test, threads.get(0));
            test.commit();
        }
        ApiResponse answer = resolve.join();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("MessageThreads").findValuesAsText("IsResolved")).containsOnly("true");
    }

    private static void lock(Handle handle, String threadId) {
        handle.createQuery("SELECT id FROM message_thread WHERE id = :id FOR UPDATE")
                .bind("id", UUID.fromString(threadId)).mapTo(UUID.class).one();
    }

    private static void awaitServerWaitingForALock(Handle test) throws InterruptedException {
        long giveUpAt = System.nanoTime() + NO_ANSWER.toNanos();
        while (test.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :name"
                        + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
                .bind("name", applicationName).mapTo(Integer.class).one() == 0) {
            assertThat(System.nanoTime()).as("the server's resolve waits for the test's lock").isLessThan(giveUpAt);
            Thread.sleep(20);
        }
    }
}
