package concierge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import concierge.demo.DemoData;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ServerProcess;
import concierge.testing.TestDatabases;
import concierge.testing.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 §6: when PostgreSQL ends the server's sessions in the middle of messages/add, the driver's
 * exceptions quote the INSERT with its values; none of that may reach the log. The server runs as an
 * operator runs it (its own JVM, our logging configuration), and its whole output is read. H2's
 * messages quote values too.
 */
class LoggedFailuresTest {

    private static final int WRITERS = 4;
    private static final int BATCH = 20;
    /** Sessions ended while the writers write: enough to hit statements in flight many times. */
    private static final int TERMINATIONS = 40;

    @TempDir
    Path directory;

    @Test
    void messageTextsNeverReachTheLogWhenTheDatabaseEndsSessionsDuringWrites() throws Exception {
        TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);
        String applicationName = "concierge-logs-" + UUID.randomUUID();
        String marker = "guest-secret-" + UUID.randomUUID();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();

        try (ServerProcess server = ServerProcess.start(Map.of(
                "CONCIERGE_DB_URL", database.url() + "&ApplicationName=" + applicationName,
                "CONCIERGE_DB_USER", database.user(),
                "CONCIERGE_DB_PASSWORD", database.password(),
                "CONCIERGE_DEMO", "true",
                "CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN,
                "CONCIERGE_RATE_LIMIT_REQUESTS", "100000000"), directory.resolve("server.log"));
             Connection killer = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER,
                     TestDatabases.PG_PASSWORD)) {
            AtomicBoolean stopping = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(Thread.ofVirtual().start(() -> write(server.port(), marker, stopping, statuses)));
            }
            int terminated = 0;
            for (int round = 0; round < TERMINATIONS; round++) {
                Thread.sleep(50);
                terminated += terminateSessions(killer, applicationName);
            }
            stopping.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            String log = server.log();

            assertThat(terminated).as("sessions ended").isPositive();
            assertThat(statuses).as("answers while sessions were ended").containsKey("503");
            assertThat(log).as("the server logged the failures").contains("database unreachable");
            assertThat(log).as("server log").doesNotContain(marker);
        }
    }

    /**
     * H2 cannot drop an embedded session, and the API refuses every text H2 could not store; but H2's
     * messages quote values too (here the one it could not convert), so neither its own trace file
     * nor our rendering of the failure may keep them.
     */
    @Test
    void h2FailureQuotingABoundValueLeavesItInNoLogFile() throws Exception {
        String marker = "guest-secret-" + UUID.randomUUID();
        Throwable failure;
        try (Database database = Database.open("jdbc:h2:file:" + directory.resolve("concierge"), "", "", 2)) {
            failure = catchThrowable(() -> database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT CAST(:text AS INT)").bind("text", marker).mapTo(Integer.class).one()));
        }

        assertThat(stackTrace(failure)).as("H2's own message").contains(marker);
        assertThat(stackTrace(LoggedFailures.redacted(failure))).as("what our log prints")
                .doesNotContain(marker).contains("SQLState 22018");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.filter(file -> !file.toString().endsWith(".mv.db")))
                    .as("files besides the database").allSatisfy(file ->
                            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(marker));
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Batches of messages with the marker in every text, until told to stop. */
    private static void write(int port, String marker, AtomicBoolean stopping, Map<String, Integer> statuses) {
        ApiClient api = new ApiClient(port);
        AtomicInteger request = new AtomicInteger();
        while (!stopping.get()) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                items.add(Map.of("MessageThreadId", DemoData.EXAMPLE_THREAD.toString(),
                        "Text", marker + " request " + request.incrementAndGet() + " item " + i));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ClientToken", DemoData.CLIENT_TOKEN);
            body.put("AccessToken", DemoData.ACCESS_TOKEN);
            body.put("Client", "Concierge Log Test 1.0");
            body.put("Messages", items);
            try {
                ApiResponse response = api.post(Connector.MESSAGES_ADD, body);
                statuses.merge(Integer.toString(response.status()), 1, Integer::sum);
            } catch (UncheckedIOException e) {
                statuses.merge("no answer", 1, Integer::sum);
            }
        }
    }

    /** Ends every session of the server (pg_terminate_backend), as a database restart or failover would. */
    private static int terminateSessions(Connection killer, String applicationName) throws Exception {
        try (PreparedStatement statement = killer.prepareStatement(
                "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = ?) ended")) {
            statement.setString(1, applicationName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
