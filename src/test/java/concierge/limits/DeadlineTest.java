package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.BoundedCalls;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 4 §2, spec D17: every request has a deadline; past it the client gets 408 with the error body
 * and the database statement is cancelled. A statement is held up past the deadline by a row lock
 * the test takes on the thread ({@code SELECT … FOR UPDATE} in an open transaction).
 */
@Tag("slow")
class DeadlineTest extends OnBothEngines {

    private static final int TIMEOUT_SECONDS = 2;
    /** Far beyond the deadline: a request that has not answered by then was not cut off at its deadline. */
    private static final Duration NO_ANSWER = Duration.ofSeconds(10);

    /** A private server with a short request timeout, one per engine. */
    static App app;
    /** On PostgreSQL, the application_name of the server's connections, to find its statements. */
    static String applicationName;

    @BeforeParameterizedClassInvocation
    static void startServerWithAShortDeadline(Engine engine) {
        TestDatabases.Location database = TestDatabases.fresh(engine);
        String url = database.url();
        applicationName = "concierge-deadline-" + UUID.randomUUID();
        if (engine == Engine.POSTGRESQL) {
            url = url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
        }
        app = App.start(TestConfig.on(new TestDatabases.Location(url, database.user(), database.password()),
                Map.of("CONCIERGE_REQUEST_TIMEOUT_SECONDS", Integer.toString(TIMEOUT_SECONDS))));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void connectorWriteHeldPastTheDeadlineAnswers408WithTheErrorBody() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        ApiResponse response;
        try (ThreadLock lock = new ThreadLock(threadId)) {
            response = postWithin(Connector.MESSAGES_ADD, addOne(integration, threadId, "Waiting for the lock"));
        }

        assertThat(response).isError(408).hasMessageContaining("took longer than " + TIMEOUT_SECONDS + " s");
    }

    @Test
    void staffResolveHeldPastTheDeadlineAnswers408WithTheErrorBody() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String staffToken = tenants.staffToken(integration.enterpriseId());

        ApiResponse response;
        try (ThreadLock lock = new ThreadLock(threadId)) {
            response = postWithin(Staff.MESSAGE_THREADS_RESOLVE, Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true),
                    "Authorization", "Bearer " + staffToken);
        }

        assertThat(response).isError(408).hasMessageContaining("took longer than " + TIMEOUT_SECONDS + " s");
    }

    @Test
    void statementOfATimedOutRequestNoLongerRunsInTheDatabase() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();

        try (ThreadLock lock = new ThreadLock(threadId)) {
            ApiResponse response = postWithin(Connector.MESSAGES_ADD, addOne(integration, threadId, "Cancelled"));
            assertThat(response).hasStatus(408);

            // The lock is still held: a statement that was not cancelled would still be waiting for it.
            assertThat(runningStatements(lock.handle)).as("statements of the server still running").isEmpty();
        }
    }

    @Test
    void writeCancelledAtTheDeadlineStoresNothing() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        try (ThreadLock lock = new ThreadLock(threadId)) {
            ApiResponse response = postWithin(Connector.MESSAGES_ADD, addOne(integration, threadId, "Never stored"));
            assertThat(response).hasStatus(408);
        }

        ApiResponse read = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));

        assertThat(read).isOk();
        assertThat(read.json().path("Messages")).isEmpty();
    }

    @Test
    void serverAnswersNormallyOnceTheLockIsReleased() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        try (ThreadLock lock = new ThreadLock(threadId)) {
            ApiResponse timedOut = postWithin(Connector.MESSAGES_ADD, addOne(integration, threadId, "Too late"));
            assertThat(timedOut).hasStatus(408);
        }

        ApiResponse added = postWithin(Connector.MESSAGES_ADD, addOne(integration, threadId, "In time"));
        ApiResponse read = postWithin(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));

        assertThat(added).isOk();
        assertThat(read).isOk();
        List<String> texts = new ArrayList<>();
        read.json().path("Messages").forEach(message -> texts.add(message.path("Text").asText()));
        assertThat(texts).containsExactly("In time");
    }

    // ----- helpers

    /** The thread's row locked by a transaction of the test's own, on the server's database, until closed. */
    private static final class ThreadLock implements AutoCloseable {

        final Handle handle;

        ThreadLock(String threadId) {
            handle = app.database().jdbi().open();
            handle.begin();
            handle.createQuery("SELECT id FROM message_thread WHERE id = :id FOR UPDATE")
                    .bind("id", UUID.fromString(threadId))
                    .mapTo(UUID.class)
                    .one();
        }

        @Override
        public void close() {
            handle.rollback();
            handle.close();
        }
    }

    /**
     * Statements of the server's connections (not the lock holder's) that are executing now, but for
     * its background loops' (the webhook dispatcher's claim, the staff event feed's read, the request
     * log's writer and retention): they run on their own and may be caught mid-statement.
     */
    private List<String> runningStatements(Handle lockHolder) {
        return statementsOfOthers(lockHolder).stream()
                .filter(statement -> !statement.contains("FROM webhook_event") && !statement.contains("FROM staff_event")
                        && !statement.contains("request_log"))
                .toList();
    }

    private List<String> statementsOfOthers(Handle lockHolder) {
        if (engine == Engine.POSTGRESQL) {
            return lockHolder.createQuery("SELECT query FROM pg_stat_activity WHERE application_name = :name"
                            + " AND state = 'active' AND pid <> pg_backend_pid()")
                    .bind("name", applicationName)
                    .mapTo(String.class)
                    .list();
        }
        return lockHolder.createQuery("SELECT executing_statement FROM information_schema.sessions"
                        + " WHERE executing_statement IS NOT NULL AND session_id <> SESSION_ID()")
                .mapTo(String.class)
                .list();
    }

    private static ApiResponse postWithin(String path, Object body, String... headerNamesAndValues) {
        return BoundedCalls.post(app.port(), NO_ANSWER, path, body, headerNamesAndValues);
    }

    /** A 408 with the error body, naming the request deadline (not the 0 s left when it is answered). */

    private static Map<String, Object> addOne(Integration integration, String threadId, String text) {
        return integration.body("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", text)));
    }
}
