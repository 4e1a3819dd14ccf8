package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP envelope every operation shares: the error body and Request-Id (spec D14), 404 for
 * anything but POST at an exact path, strict JSON (D13), the body limit (D12) and dev errors.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ErrorModelTest {

    private static final String GET_ALL = "/api/connector/v1/messageThreads/getAll";
    private static final String ADD = "/api/connector/v1/messageThreads/add";
    private static final int SMALL_LIMIT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Private servers, one of each kind per engine, started on first use and closed after the class. */
    private static final Map<Engine, App> SMALL_LIMIT_SERVERS = new EnumMap<>(Engine.class);
    private static final Map<Engine, App> DEV_ERROR_SERVERS = new EnumMap<>(Engine.class);

    @Parameter
    Engine engine;

    Tenants tenants;
    Tenants.Integration integration;

    @BeforeEach
    void connect() {
        tenants = new Tenants(TestServers.running(engine));
        integration = tenants.singleEnterpriseIntegration();
    }

    @AfterAll
    static void closePrivateServers() {
        SMALL_LIMIT_SERVERS.values().forEach(App::close);
        DEV_ERROR_SERVERS.values().forEach(App::close);
        SMALL_LIMIT_SERVERS.clear();
        DEV_ERROR_SERVERS.clear();
    }

    // ---- Request-Id and the error body ----

    @Test
    void successCarriesARequestIdHeader() {
        ApiResponse response = getAll(validGetAllBody());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Request-Id")).isNotBlank();
    }

    @Test
    void requestIdIsUniquePerRequest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
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

        ApiResponse response = getAll(body);

        assertErrorBody(response, 400);
        assertThat(response.message()).startsWith("Invalid Limitation.Count");
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

        assertErrorBody(response, 404);
        assertThat(response.message()).startsWith("Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodOnARealPathIsNotFound(String method) {
        String body = method.equals("GET") || method.equals("DELETE") || method.equals("OPTIONS")
                ? null : ApiClient.toJson(validGetAllBody());

        ApiResponse response = tenants.api().send(method, GET_ALL, body);

        assertErrorBody(response, 404);
        assertThat(response.message()).startsWith("Not found");
    }

    @Test
    void headOnARealPathIsNotFoundWithARequestId() {
        ApiResponse response = tenants.api().send("HEAD", GET_ALL, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Request-Id")).isNotBlank();
    }

    // ---- 400 Invalid JSON (what a body must be: JsonFieldsTest) ----

    @Test
    void bodyThatIsNotJsonIsInvalidJson() {
        ApiResponse response = tenants.api().post(GET_ALL, "not json");

        assertErrorBody(response, 400);
        assertThat(response.message()).startsWith("Invalid JSON");
    }

    // ---- 400 Invalid <field>: wrong types name the JSON path ----

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": \"10\"}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 10.5}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 10.0}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 1e20}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 1e400}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 2147483648}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": 99999999999999999999999999}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": true}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": [10]}"),
                Arguments.of("Limitation.Count", "Limitation", "{\"Count\": {}}"),
                Arguments.of("Limitation.Cursor", "Limitation", "{\"Count\": 10, \"Cursor\": 5}"),
                Arguments.of("Limitation", "Limitation", "10"),
                Arguments.of("Limitation", "Limitation", "\"10\""),
                Arguments.of("Limitation", "Limitation", "[{\"Count\": 10}]"),
                Arguments.of("EnterpriseIds", "EnterpriseIds", "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\""),
                Arguments.of("EnterpriseIds", "EnterpriseIds", "{}"),
                Arguments.of("EnterpriseIds[0]", "EnterpriseIds", "[42]"),
                Arguments.of("MessageThreadIds", "MessageThreadIds", "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\""),
                Arguments.of("MessageThreadIds[1]", "MessageThreadIds",
                        "[\"3fa85f64-5717-4562-b3fc-2c963f66afa6\", null]"),
                Arguments.of("CreatedUtc", "CreatedUtc", "\"2022-03-03T00:00:00Z\""),
                Arguments.of("CreatedUtc.StartUtc", "CreatedUtc",
                        "{\"StartUtc\": 1646265600, \"EndUtc\": \"2022-03-04T00:00:00Z\"}"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypeIsRefusedNamingTheJsonPath(String path, String field, String rawValue) {
        ApiResponse response = tenants.api().post(GET_ALL, rawBody(Map.of(field, rawValue)));

        assertErrorBody(response, 400);
        assertThat(response.message()).startsWith("Invalid " + path + ":");
    }

    // ---- property names match ignoring case (unknown ones are ignored: JsonFieldsTest) ----

    @Test
    void propertyNamesMatchIgnoringCase() {
        JsonNode added = tenants.addThread(integration);
        String body = "{\"clienttoken\": " + quoted(integration.client().clientToken())
                + ", \"ACCESSTOKEN\": " + quoted(integration.accessToken())
                + ", \"client\": \"Tests\""
                + ", \"messagethreadids\": [" + quoted(added.path("Id").asText()) + "]"
                + ", \"limitation\": {\"count\": 5}}";

        ApiResponse response = tenants.api().post(GET_ALL, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
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

        ApiResponse response = tenants.api().post(ADD, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
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

        assertErrorBody(response, 413);
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

        assertErrorBody(response, 413);
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() {
        App small = smallLimitServer();
        Tenants.Integration own = new Tenants(small).singleEnterpriseIntegration();

        ApiResponse response = new ApiClient(small.port()).post(GET_ALL, padTo(validGetAllJson(own), SMALL_LIMIT));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void declaredContentLengthOverTheLimitIsTooLargeBeforeTheBodyArrives() throws IOException {
        App small = smallLimitServer();

        RawHttp.Response response = postDeclaringLength(small.port(), SMALL_LIMIT + 1L, "{");

        assertThat(response.status()).isEqualTo(413);
        assertRawErrorBody(response);
    }

    @Test
    void defaultLimitRefusesADeclaredBodyOver16MiB() throws IOException {
        RawHttp.Response response = postDeclaringLength(TestServers.running(engine).port(), 16L * 1024 * 1024 + 1, "{");

        assertThat(response.status()).isEqualTo(413);
        assertRawErrorBody(response);
    }

    @Test
    void defaultLimitAcceptsABodyOfExactly16MiB() {
        ApiResponse response = getAll(padTo(ApiClient.toJson(validGetAllBody()), 16 * 1024 * 1024));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    // ---- CONCIERGE_DEV_ERRORS ----

    @Test
    void devErrorsPutAStringInDetails() {
        ApiClient api = new ApiClient(devErrorServer().port());

        for (ApiResponse response : List.of(
                api.post(GET_ALL, "not json"),
                api.post("/nowhere", "{}"),
                api.post(GET_ALL, "{\"ClientToken\": \"x\", \"AccessToken\": \"y\", \"Client\": \"z\"}"))) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
            JsonNode details = response.json().path("Details");
            assertThat(details.isTextual()).as(response.toString()).isTrue();
            assertThat(details.asText()).isNotBlank();
            assertThat(response.json().path("RequestId").asText()).isEqualTo(response.header("Request-Id"));
        }
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

    /**
     * A getAll body as JSON text with the integration's credentials, in which each given top-level
     * property (MessageThreadIds and Limitation have valid defaults) is written as the raw JSON given.
     */
    private String rawBody(Map<String, String> rawFields) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ClientToken", quoted(integration.client().clientToken()));
        fields.put("AccessToken", quoted(integration.accessToken()));
        fields.put("Client", "\"Concierge Tests 1.0\"");
        fields.put("MessageThreadIds", "[\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"]");
        fields.put("Limitation", "{\"Count\": 10}");
        fields.putAll(rawFields);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, raw) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append(quoted(name)).append(": ").append(raw);
        });
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        return ApiClient.toJson(text);
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
        synchronized (SMALL_LIMIT_SERVERS) {
            return SMALL_LIMIT_SERVERS.computeIfAbsent(engine, e ->
                    TestServers.start(e, Map.of("CONCIERGE_MAX_BODY_BYTES", Integer.toString(SMALL_LIMIT))));
        }
    }

    private App devErrorServer() {
        synchronized (DEV_ERROR_SERVERS) {
            return DEV_ERROR_SERVERS.computeIfAbsent(engine, e ->
                    TestServers.start(e, Map.of("CONCIERGE_DEV_ERRORS", "true")));
        }
    }

    /** Every error: JSON with exactly Message, RequestId and Details; Details null; RequestId = the header. */
    private static void assertErrorBody(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        JsonNode body = response.json();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(response.toString()).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(body.path("Message").isTextual()).as(response.toString()).isTrue();
        assertThat(body.path("Message").asText()).isNotBlank();
        assertThat(body.path("Details").isNull()).as(response.toString()).isTrue();
        assertThat(body.path("RequestId").isTextual()).as(response.toString()).isTrue();
        assertThat(body.path("RequestId").asText()).isNotBlank().isEqualTo(response.header("Request-Id"));
    }

    private static void assertRawErrorBody(RawHttp.Response response) throws IOException {
        JsonNode body = JSON.readTree(response.body());
        Set<String> names = new HashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(response.body()).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(body.path("Details").isNull()).isTrue();
        assertThat(body.path("RequestId").asText()).isNotBlank().isEqualTo(response.headers().get("request-id"));
    }

    /**
     * Sends a POST whose Content-Length promises {@code declaredLength} bytes but delivers only
     * {@code sentBody}: a server that checks the declared length answers without waiting for the rest.
     */
    private static RawHttp.Response postDeclaringLength(int port, long declaredLength, String sentBody) throws IOException {
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
