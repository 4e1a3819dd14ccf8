package concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.demo.DemoData;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.ServerProcess;
import concierge.testing.TestDatabases;
import concierge.testing.TestServers;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 4 §5 and §6: a message acknowledged with 200 is never lost, whether the server process is
 * killed (SIGKILL) mid-stream or stopped (SIGTERM) while requests are in flight. The server runs
 * as a separate JVM on an H2 file or a PostgreSQL schema, and is restarted on the same database.
 */
@Isolated("kills and restarts server processes while four writers load the machine flat out")
class DurabilityTest extends OnBothEngines {

    private static final int WRITERS = 4;
    private static final int BATCH = 20;
    /** How many messages must be acknowledged before the server is stopped, mid-stream. */
    private static final int ACKNOWLEDGED_BEFORE_STOP = 400;

    @TempDir
    Path directory;

    /** The server's environment: one fresh database per test, kept across the restart. */
    Map<String, String> environment;
    ServerProcess server;
    Writers writers;

    @BeforeEach
    void freshDatabase() {
        environment = new HashMap<>();
        switch (engine) {
            case H2 -> environment.put("CONCIERGE_DB_URL", "jdbc:h2:file:" + directory.resolve("concierge"));
            case POSTGRESQL -> {
                TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);
                environment.put("CONCIERGE_DB_URL", database.url());
                environment.put("CONCIERGE_DB_USER", database.user());
                environment.put("CONCIERGE_DB_PASSWORD", database.password());
            }
        }
        environment.put("CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN);
        environment.put("CONCIERGE_DEMO", "true");
        // The writers send far more than the production budget of one token allows.
        environment.put("CONCIERGE_RATE_LIMIT_REQUESTS", "100000000");
    }

    @AfterEach
    void stopEverything() {
        if (writers != null) {
            writers.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkillMidStream() {
        server = startServer("first");
        writers = Writers.start(server.port());
        writers.awaitAcknowledged(ACKNOWLEDGED_BEFORE_STOP, server);

        server.kill();
        writers.stop();
        Set<String> acknowledged = writers.acknowledged();
        server = startServer("after-kill");

        assertThat(acknowledged).isNotEmpty();
        assertThat(missing(acknowledged)).as(() -> "acknowledged but lost; server log:\n" + server.log()).isEmpty();
    }

    @Test
    void sigtermFinishesInFlightWritesExitsByItselfAndKeepsThem() {
        server = startServer("first");
        writers = Writers.start(server.port());
        writers.awaitAcknowledged(ACKNOWLEDGED_BEFORE_STOP, server);

        server.terminate();
        Integer exitCode = server.awaitExit(Duration.ofSeconds(15));
        writers.stop();
        Set<String> acknowledged = writers.acknowledged();
        List<ApiResponse> failures = writers.errorAnswers();
        String firstLog = server.log();
        server = startServer("after-sigterm");

        assertThat(exitCode).as(() -> "exit code within 15 s of SIGTERM; server log:\n" + firstLog).isIn(0, 143);
        assertThat(failures).as("error answers while the server stopped").isEmpty();
        assertThat(acknowledged).isNotEmpty();
        assertThat(missing(acknowledged)).as("acknowledged but lost").isEmpty();
    }

    // ----- helpers

    private ServerProcess startServer(String name) {
        return ServerProcess.start(environment, directory.resolve("server-" + name + ".log"));
    }

    /** The acknowledged texts the restarted server does not have. */
    private Set<String> missing(Set<String> acknowledged) {
        Set<String> missing = new java.util.TreeSet<>(acknowledged);
        storedTexts().forEach(missing::remove);
        return missing;
    }

    /** Every text in the demo thread the writers write to, read page by page through the API. */
    private List<String> storedTexts() {
        ApiClient api = new ApiClient(server.port());
        List<String> texts = new ArrayList<>();
        String cursor = null;
        while (true) {
            Map<String, Object> limitation = new LinkedHashMap<>();
            limitation.put("Count", 1000);
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            ApiResponse page = api.post(Connector.MESSAGES_GET_ALL, Writers.body(
                    "MessageThreadIds", List.of(DemoData.EXAMPLE_THREAD.toString()), "Limitation", limitation));
            assertThat(page).isOk();
            JsonNode messages = page.json().path("Messages");
            messages.forEach(message -> texts.add(message.path("Text").asText()));
            if (messages.size() < 1000) {
                return texts;
            }
            cursor = page.json().path("Cursor").asText();
        }
    }

    /**
     * Clients adding batches of messages to the documentation's example thread, as fast as they can,
     * until told to stop or the server goes away. Remembers the text of every acknowledged message.
     */
    private static final class Writers {

        private final int port;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final List<ApiResponse> errorAnswers = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new ArrayList<>();

        private Writers(int port) {
            this.port = port;
        }

        static Writers start(int port) {
            Writers writers = new Writers(port);
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                writers.threads.add(Thread.ofVirtual().name("writer-" + i).start(() -> writers.write(writer)));
            }
            return writers;
        }

        private void write(int writer) {
            ApiClient api = new ApiClient(port);
            for (int request = 0; !stopping.get(); request++) {
                List<String> texts = new ArrayList<>(BATCH);
                List<Map<String, Object>> items = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    String text = "writer " + writer + " request " + request + " item " + i;
                    texts.add(text);
                    items.add(Map.of("MessageThreadId", DemoData.EXAMPLE_THREAD.toString(), "Text", text));
                }
                ApiResponse response;
                try {
                    response = api.post(Connector.MESSAGES_ADD, body("Messages", items));
                } catch (UncheckedIOException e) {
                    return; // the server is gone: no answer, nothing acknowledged
                }
                if (response.status() == 200) {
                    acknowledged.addAll(texts);
                } else {
                    errorAnswers.add(response);
                }
            }
        }

        static Map<String, Object> body(Object... namesAndValues) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ClientToken", DemoData.CLIENT_TOKEN);
            body.put("AccessToken", DemoData.ACCESS_TOKEN);
            body.put("Client", "Concierge Durability Test 1.0");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return body;
        }

        void awaitAcknowledged(int count, ServerProcess server) {
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < count) {
                if (!errorAnswers.isEmpty()) {
                    fail("a write failed: " + errorAnswers.getFirst() + "\nserver log:\n" + server.log());
                }
                if (System.nanoTime() > giveUpAt || threads.stream().noneMatch(Thread::isAlive)) {
                    fail("only " + acknowledged.size() + " messages acknowledged; server log:\n" + server.log());
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Stops sending and waits for the requests under way to end. */
        void stop() {
            stopping.set(true);
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofSeconds(70));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        Set<String> acknowledged() {
            return Set.copyOf(acknowledged);
        }

        List<ApiResponse> errorAnswers() {
            return List.copyOf(errorAnswers);
        }
    }
}
