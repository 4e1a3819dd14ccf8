package concierge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import concierge.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data on the embedded file database (plain {@code jdbc:h2:file:} URL, demo switch unset):
 * the documentation's examples work verbatim, data survives a restart, nothing is seeded twice.
 */
class DemoDataTest {

    // examples/*.json: copied unchanged from the spec's openapi/examples/ (the official OpenAPI's example values).
    private static final String EXAMPLES = "/examples/";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CONCIERGE_DEMO as an operator leaves it: the engine decides (test servers otherwise turn it off). */
    private static final Map<String, String> DEMO_SWITCH_UNSET = Map.of("CONCIERGE_DEMO", TestConfig.UNSET);

    @TempDir
    Path directory;

    App app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void seedPagesExampleRequestReturnsTheExampleResponseWithIsResolved() {
        app = startOnFile();
        ObjectNode expected = (ObjectNode) example("messageThreads_getAll.response.json");
        ((ObjectNode) expected.path("MessageThreads").get(0)).put("IsResolved", false);

        ApiResponse response = api().post(Connector.MESSAGE_THREADS_GET_ALL, exampleText("messageThreads_getAll.request.json"));

        assertThat(response).isOk();
        assertThat(response.json()).isEqualTo(expected);
    }

    @Test
    void addExampleRequestWorksVerbatim() {
        app = startOnFile();

        ApiResponse response = api().post(Connector.MESSAGE_THREADS_ADD, exampleText("messageThreads_add.request.json"));

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(thread.path("OriginalSender").asText()).isEqualTo("John Doe");
        assertThat(thread.path("Subject").asText()).isEqualTo("Example subject");
    }

    @Test
    void threadsSurviveARestartOnTheSameFile() {
        app = startOnFile();
        ApiResponse added = api().post(Connector.MESSAGE_THREADS_ADD, demoBody("OriginalSender", "Ada Lovelace", "Subject", "Still there?"));
        assertThat(added).isOk();
        JsonNode thread = added.json().path("MessageThreads").get(0);

        app.close();
        app = startOnFile();
        ApiResponse found = api().post(Connector.MESSAGE_THREADS_GET_ALL, demoBody(
                "MessageThreadIds", List.of(thread.path("Id").asText()), "Limitation", Map.of("Count", 10)));

        assertThat(found).isOk();
        assertThat(found.json().path("MessageThreads")).containsExactly(thread);
    }

    @Test
    void demoDataIsNotSeededTwice() {
        app = startOnFile();
        List<Map<String, Object>> before = threadRows();
        assertThat(app.report().seeded()).isTrue();

        app.close();
        app = startOnFile();

        assertThat(app.report().seeded()).isFalse();
        assertThat(threadRows()).isEqualTo(before);
    }

    @Test
    void demoIsOffByDefaultOnPostgresql() {
        app = TestServers.start(Engine.POSTGRESQL, DEMO_SWITCH_UNSET);

        ApiResponse response = api().post(Connector.MESSAGE_THREADS_GET_ALL, exampleText("messageThreads_getAll.request.json"));

        assertThat(response).hasStatus(401);
    }

    /** A private server on the embedded file database in the temporary directory, demo switch unset. */
    private App startOnFile() {
        return App.start(TestConfig.on(new TestDatabases.Location(
                "jdbc:h2:file:" + directory.resolve("concierge").toAbsolutePath(), "", ""), DEMO_SWITCH_UNSET));
    }

    private ApiClient api() {
        return new ApiClient(app.port());
    }

    private List<Map<String, Object>> threadRows() {
        return app.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT id, client_id, enterprise_id, subject, created_utc FROM message_thread ORDER BY seq")
                .mapToMap().list());
    }

    /** The demo credentials of the documentation, then the given name/value pairs. */
    private static Map<String, Object> demoBody(Object... namesAndValues) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("ClientToken", DemoData.CLIENT_TOKEN);
        body.put("AccessToken", DemoData.ACCESS_TOKEN);
        body.put("Client", "Concierge Tests 1.0");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    private static JsonNode example(String name) {
        try {
            return JSON.readTree(exampleText(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exampleText(String name) {
        try (InputStream in = DemoDataTest.class.getResourceAsStream(EXAMPLES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + EXAMPLES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
