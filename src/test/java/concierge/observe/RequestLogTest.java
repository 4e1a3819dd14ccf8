package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request log (docs/operations.md "Logs") in its JSON format: one line per request with its
 * fields, the RequestId on every line written while the request is served, and never a token,
 * message text or body. Lines are formatted as they are written, on the request's thread, as the
 * console handler does.
 */
class RequestLogTest extends OnH2 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger concierge = Logger.getLogger("concierge");
    private final Logger requestLog = Logger.getLogger(RequestLog.LOGGER);
    private Level requestLogLevel;
    private final Handler capture = new Handler() {
        private final JsonLogFormatter format = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        requestLogLevel = requestLog.getLevel();
        requestLog.setLevel(Level.INFO); // the tests' logging.properties shows warnings only
        concierge.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        concierge.removeHandler(capture);
        requestLog.setLevel(requestLogLevel);
    }

    private ApiClient api() {
        return tenants.api();
    }

    /**
     * The lines of the captured log that carry this RequestId, once its request line is there: it is
     * written after the answer, so the client may read the answer first.
     */
    private List<JsonNode> linesOf(String requestId) {
        long giveUpAt = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<JsonNode> logged = lines.stream().map(RequestLogTest::parse)
                    .filter(line -> line.path("RequestId").asText().equals(requestId)).toList();
            if (logged.stream().anyMatch(line -> line.path("logger").asText().equals(RequestLog.LOGGER))
                    || System.nanoTime() > giveUpAt) {
                return logged;
            }
            Thread.onSpinWait();
        }
    }

    private static JsonNode parse(String line) {
        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n" + "{");
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private Map<String, Object> getAllBody(Integration integration) {
        return integration.body("MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10));
    }

    @Test
    void aRequestIsLoggedOnOneLineWithItsFields() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(integration));

        assertThat(response).isOk();
        List<JsonNode> logged = linesOf(response.header("Request-Id"));
        assertThat(logged).as("the request's lines").hasSize(1);
        JsonNode line = logged.getFirst();
        assertThat(line.path("logger").asText()).isEqualTo(RequestLog.LOGGER);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        assertThat(line.path("method").asText()).isEqualTo("POST");
        assertThat(line.path("path").asText()).isEqualTo(Connector.MESSAGE_THREADS_GET_ALL);
        assertThat(line.path("operation").asText()).isEqualTo("connector/messageThreads/getAll");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("durationMs").isNumber()).isTrue();
        assertThat(line.path("caller").asText()).isEqualTo("client \"" + integration.client().name() + "\" " + integration.client().id());
        assertThat(line.has("error")).isFalse();
        assertThat(line.path("message").asText())
                .startsWith("POST " + Connector.MESSAGE_THREADS_GET_ALL + " 200 ")
                .endsWith(" ms client \"" + integration.client().name() + "\" " + integration.client().id());
    }

    @Test
    void anErrorAnswerIsLoggedWithItsMessage() {
        ApiResponse response = api().send("POST", "/api/connector/v1/nothing/here", "{}");

        assertThat(response).isError(404);
        JsonNode line = linesOf(response.header("Request-Id")).getFirst();
        assertThat(line.path("status").asInt()).isEqualTo(404);
        assertThat(line.has("operation")).as("no operation served it").isFalse();
        assertThat(line.path("path").asText()).isEqualTo("/api/connector/v1/nothing/here");
        assertThat(line.path("error").asText()).isEqualTo(response.message());
    }

    @Test
    void aLineLoggedWhileServingARequestCarriesItsRequestId() {
        // Redis that never answers: the rate limiter allows the request and warns, inside the request.
        try (App app = TestServers.start(engine, Map.of("CONCIERGE_REDIS_URL", "redis://127.0.0.1:1"))) {
            Integration integration = new Tenants(app).singleEnterpriseIntegration();

            ApiResponse response = new ApiClient(app.port()).post(Connector.MESSAGE_THREADS_GET_ALL,
                    getAllBody(integration));

            assertThat(response).isOk();
            assertThat(linesOf(response.header("Request-Id"))).extracting(line -> line.path("logger").asText())
                    .contains("concierge.limits.RedisRateLimiter", RequestLog.LOGGER);
        }
    }

    @Test
    void aLineLoggedOutsideARequestHasNoRequestId() {
        Logger.getLogger("concierge.test").warning("not in a request");

        JsonNode line = lines.stream().map(RequestLogTest::parse)
                .filter(logged -> logged.path("logger").asText().equals("concierge.test")).findFirst().orElseThrow();
        assertThat(line.path("message").asText()).isEqualTo("not in a request");
        assertThat(line.has("RequestId")).isFalse();
    }

    @Test
    void noTokenMessageTextOrBodyIsLogged() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String secretText = "the-guests-secret-" + UUID.randomUUID();
        tenants.addMessages(integration, threadId, secretText);
        api().post(Connector.MESSAGE_THREADS_GET_ALL, "{\"ClientToken\": " + secretText + "}");
        api().post(Connector.MESSAGE_THREADS_GET_ALL, "{\"ClientToken\": \"x\", \"" + secretText + "\": 1, \""
                + secretText + "\": 2}");
        api().send("POST", "/api/connector/v1/" + "%0d%0aforged%20line", "{}");

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(secretText, integration.accessToken(), integration.client().clientToken(),
                        TestServers.ADMIN_TOKEN));
        assertThat(String.join("", lines)).doesNotContain("\r");
    }
}
