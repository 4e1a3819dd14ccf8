package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnH2;
import concierge.testing.RawHttp;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP envelope every operation shares: the error body and Request-Id (spec D14), 404 for
 * anything but POST at an exact path, a body that is not JSON (D13; what a body must be is
 * JsonFieldsTest), property names in any case, the body limit (D12) and dev errors. No database
 * takes part.
 */
class ErrorModelTest extends OnH2 {

    private static final String GET_ALL = Connector.MESSAGE_THREADS_GET_ALL;
    private static final int SMALL_LIMIT = 1024;

    /** Servers of their own, started on first use and closed after the class. */
    private static App smallLimitServer;
    private static App devErrorServer;

    Tenants.Integration integration;

    @BeforeEach
    void provision() {
        integration = tenants.singleEnterpriseIntegration();
    }

    @AfterAll
    static void closeServersOfTheirOwn() {
        Stream.of(smallLimitServer, devErrorServer).filter(app -> app != null).forEach(App::close);
        smallLimitServer = null;
        devErrorServer = null;
    }

    // ---- Request-Id and the error body ----

    @Test
    void successCarriesARequestIdHeader() {
        ApiResponse response = getAll(validGetAllBody());

        assertThat(response).isOk().hasRequestId();
    }

    @Test
    void requestIdIsUniquePerRequest() {
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            ids.add(getAll(validGetAllBody()).header("Request-Id"));
            ids.add(tenants.api().post(GET_ALL, "not json").header("Request-Id"));
            ids.add(tenants.api().post("/nowhere", "{}").header("Request-Id"));
        }

        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void badRequestHasTheErrorBody() {
        Map<String, Object> body = validGetAllBody();
        body.put("Limitation", Map.of("Count", 0));

        assertThat(getAll(body)).isBadRequestNaming("Limitation.Count");
    }

    // ---- 404: only POST at the exact, case-sensitive path ----

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/connector/v1/messagethreads/getall",
            "/api/connector/v1/messageThreads/getall",
            "/api/connector/v1/MessageThreads/GetAll",
            "/API/CONNECTOR/V1/messageThreads/getAll",
            "/api/connector/v1/messageThreads/getAll/",
            "/api/connector/v1/messageThreads/getAll.json",
            "/api/connector/v1//messageThreads/getAll",
            "/api/connector/v2/messageThreads/getAll",
            "/api/connector/v1/messageThreads",
            "/api/connector/v1/messageThreads/",
            "/api/connector/v1/nothing/here",
            "/api/connector/v1/",
            "/"})
    void wrongPathIsNotFound(String path) {
        ApiResponse response = tenants.api().post(path, validGetAllBody());

        assertThat(response).isError(404).hasMessageStartingWith("Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodOnARealPathIsNotFound(String method) {
        String body = method.equals("GET") || method.equals("DELETE") || method.equals("OPTIONS")
                ? null : ApiClient.toJson(validGetAllBody());

        ApiResponse response = tenants.api().send(method, GET_ALL, body);

        assertThat(response).isError(404).hasMessageStartingWith("Not found");
    }

    @Test
    void headOnARealPathIsNotFoundWithARequestId() {
        ApiResponse response = tenants.api().send("HEAD", GET_ALL, null);

        assertThat(response).hasStatus(404).hasRequestId();
    }

    // ---- 400 Invalid JSON ----

    @Test
    void bodyThatIsNotJsonIsInvalidJson() {
        ApiResponse response = tenants.api().post(GET_ALL, "not json");

        assertThat(response).isError(400).hasMessageStartingWith("Invalid JSON");
    }

    // ---- property names match ignoring case, credentials included ----

    @Test
    void propertyNamesMatchIgnoringCase() {
        JsonNode added = tenants.addThread(integration);
        String body = "{\"clienttoken\": " + ApiClient.toJson(integration.client().clientToken())
                + ", \"ACCESSTOKEN\": " + ApiClient.toJson(integration.accessToken())
                + ", \"client\": \"Tests\""
                + ", \"messagethreadids\": [" + ApiClient.toJson(added.path("Id").asText()) + "]"
                + ", \"limitation\": {\"count\": 5}}";

        ApiResponse response = tenants.api().post(GET_ALL, body);

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    @Test
    void propertyNamesMatchIgnoringCaseOnAdd() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CLIENTTOKEN", integration.client().clientToken());
        body.put("accessToken", integration.accessToken());
        body.put("cLiEnT", "Tests");
        body.put("originalsender", "Lower Case");
        body.put("SUBJECT", "Upper Case");

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, body);

        assertThat(response).isOk();
        JsonNode thread = response.json().path("MessageThreads").get(0);
        assertThat(thread.path("OriginalSender").asText()).isEqualTo("Lower Case");
        assertThat(thread.path("Subject").asText()).isEqualTo("Upper Case");
    }

    // ---- 413: the body limit ----

    @Test
    void bodyOverTheLimitIsTooLarge() {
        App small = smallLimitServer();
        Tenants.Integration own = new Tenants(small).singleEnterpriseIntegration();

        ApiResponse response = new ApiClient(small.port()).post(GET_ALL, padTo(validGetAllJson(own), SMALL_LIMIT + 1));

        assertThat(response).isError(413);
    }

    @Test
    void streamedBodyOverTheLimitWithoutContentLengthIsTooLarge() {
        App small = smallLimitServer();
        Tenants.Integration own = new Tenants(small).singleEnterpriseIntegration();
        byte[] body = padTo(validGetAllJson(own), 4 * SMALL_LIMIT).getBytes(StandardCharsets.UTF_8);

        ApiResponse response = new ApiClient(small.port()).send(HttpRequest.newBuilder(uri(small, GET_ALL))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(response).isError(413);
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        App small = smallLimitServer();
        Tenants.Integration own = new Tenants(small).singleEnterpriseIntegration();

        ApiResponse response = new ApiClient(small.port()).post(GET_ALL, padTo(validGetAllJson(own), SMALL_LIMIT));

        assertThat(response).isOk();
    }

    @Test
    void declaredContentLengthOverTheLimitIsTooLargeBeforeTheBodyArrives() throws IOException {
        RawHttp.Response response = postDeclaringLength(smallLimitServer().port(), SMALL_LIMIT + 1L, "{");

        assertThat(response).isError(413);
    }

    @Test
    void defaultLimitRefusesADeclaredBodyOver16MiB() throws IOException {
        RawHttp.Response response = postDeclaringLength(server().port(), 16L * 1024 * 1024 + 1, "{");

        assertThat(response).isError(413);
    }

    @Test
    void defaultLimitAcceptsABodyOfExactly16MiB() {
        ApiResponse response = getAll(padTo(ApiClient.toJson(validGetAllBody()), 16 * 1024 * 1024));

        assertThat(response).isOk();
    }

    // ---- CONCIERGE_DEV_ERRORS ----

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of(GET_ALL, "not json"),
                Arguments.of("/nowhere", "{}"),
                Arguments.of(GET_ALL, "{\"ClientToken\": \"x\", \"AccessToken\": \"y\", \"Client\": \"z\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedRequests")
    void devErrorsPutAStringInDetails(String path, String body) {
        ApiResponse response = new ApiClient(devErrorServer().port()).post(path, body);

        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        JsonNode details = response.json().path("Details");
        assertThat(details.isTextual()).as(response.toString()).isTrue();
        assertThat(details.asText()).isNotBlank();
        assertThat(response.json().path("RequestId").asText()).isEqualTo(response.header("Request-Id"));
    }

    // ---- helpers ----

    private ApiResponse getAll(Object body) {
        return tenants.api().post(GET_ALL, body);
    }

    private Map<String, Object> validGetAllBody() {
        return validGetAllBody(integration);
    }

    private static Map<String, Object> validGetAllBody(Tenants.Integration integration) {
        return integration.body(
                "MessageThreadIds", List.of("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
                "Limitation", Map.of("Count", 10));
    }

    private static String validGetAllJson(Tenants.Integration integration) {
        return ApiClient.toJson(validGetAllBody(integration));
    }

    /** Pads a JSON object with spaces before its closing brace to exactly {@code bytes} bytes (ASCII input). */
    private static String padTo(String jsonObject, int bytes) {
        int padding = bytes - jsonObject.getBytes(StandardCharsets.UTF_8).length;
        assertThat(padding).isNotNegative();
        return jsonObject.substring(0, jsonObject.length() - 1) + " ".repeat(padding) + "}";
    }

    private static URI uri(App app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private App smallLimitServer() {
        synchronized (ErrorModelTest.class) {
            if (smallLimitServer == null) {
                smallLimitServer = TestServers.start(engine,
                        Map.of("CONCIERGE_MAX_BODY_BYTES", Integer.toString(SMALL_LIMIT)));
            }
            return smallLimitServer;
        }
    }

    private App devErrorServer() {
        synchronized (ErrorModelTest.class) {
            if (devErrorServer == null) {
                devErrorServer = TestServers.start(engine, Map.of("CONCIERGE_DEV_ERRORS", "true"));
            }
            return devErrorServer;
        }
    }

    /**
     * Sends a POST whose Content-Length promises {@code declaredLength} bytes but delivers only
     * {@code sentBody}: a server that checks the declared length answers without waiting for the rest.
     */
    private static RawHttp.Response postDeclaringLength(int port, long declaredLength, String sentBody)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + GET_ALL + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + declaredLength + "\r\n"
                    + "\r\n"
                    + sentBody).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.read(socket.getInputStream());
        }
    }
}
