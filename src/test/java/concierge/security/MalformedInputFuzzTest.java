package concierge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input at every operation (spec D12, D13, D14, D15): seeded-random bodies built from a
 * valid request of each operation (with valid credentials, so body parsing is reached) by putting
 * wrong types, huge numbers, odd unicode, invalid UUIDs and date-times, long strings and deep
 * nesting into its fields, or by breaking the JSON text or its UTF-8 bytes. Every answer must be a
 * well-formed JSON error (400, 401 or 413, with Message and a Request-Id header equal to
 * RequestId), or a 200 of the operation's shape where the random body happens to be valid; never a
 * 500, never a hang.
 *
 * <p>Bodies per operation: {@code -Dconcierge.fuzz.iterations} (default 150, so about 2,250 in all); replay a run with
 * {@code -Dconcierge.seed}. One shared H2 server: the parsing is the same on both engines.
 */
class MalformedInputFuzzTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes every non-ASCII character as a \\u escape, so an unpaired surrogate reaches the server as sent. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<Integer> ANSWERS = Set.of(200, 400, 401, 413);


    private static SeededRandom seeds;
    private static App app;
    private static ApiClient api;
    private static String staffToken;
    private static final Map<String, Operation> OPERATIONS = new LinkedHashMap<>();
    /** UUIDs that exist on the server, so that mutated bodies are sometimes valid. */
    private static final List<String> KNOWN_IDS = new ArrayList<>();

    /** One operation: its path, a valid body, and what a 200 answer must hold. */
    record Operation(String path, ObjectNode template, boolean bearer, Shape shape) {
    }

    /** A 200 body's shape: these top-level properties, and this array whose items carry these properties. */
    record Shape(List<String> topLevel, String array, List<String> itemFields) {
    }

    static List<String> paths() {
        return List.of(
                Connector.MESSAGE_THREADS_GET_ALL, Connector.MESSAGE_THREADS_ADD,
                Connector.MESSAGES_GET_ALL, Connector.MESSAGES_ADD,
                Staff.MESSAGE_THREADS_GET_ALL, Staff.MESSAGE_THREADS_RESOLVE,
                Staff.MESSAGES_GET_ALL, Staff.MESSAGES_ADD,
                Admin.ENTERPRISES_ADD, Admin.CLIENTS_ADD, Admin.INTEGRATIONS_ADD,
                Admin.INTEGRATIONS_DISABLE, Admin.STAFF_TOKENS_ADD,
                Admin.STAFF_TOKENS_GET_ALL, Admin.STAFF_TOKENS_DISABLE,
                Admin.WEBHOOKS_GET_ALL, Admin.WEBHOOKS_REPLAY);
    }

    @BeforeAll
    static void provision() {
        seeds = SeededRandom.create("MalformedInputFuzzTest");
        app = TestServers.running(Engine.H2);
        Tenants tenants = new Tenants(app);
        api = tenants.api();
        UUID hotel = tenants.enterprise();
        UUID otherHotel = tenants.enterprise();
        Integration integration = tenants.integration(tenants.client(), hotel, otherHotel);
        String threadId = tenants.addThread(integration).path("Id").asText();
        ApiResponse added = api.post(Connector.MESSAGES_ADD, integration.body("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Hello"))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        String messageId = added.json().path("Messages").get(0).path("Message").path("Id").asText();
        ApiResponse staff = api.admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", hotel.toString()));
        assertThat(staff.status()).as(staff.toString()).isEqualTo(200);
        staffToken = staff.json().path("StaffToken").asText();
        // Tokens of their own for integrations/disable and staffTokens/disable to switch off, so the
        // fuzzing never locks itself out.
        Integration spare = tenants.integration(integration.client(), otherHotel);
        ApiResponse spareStaff = api.admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", otherHotel.toString()));
        assertThat(spareStaff.status()).as(spareStaff.toString()).isEqualTo(200);
        String spareStaffId = spareStaff.json().path("Id").asText();
        KNOWN_IDS.addAll(List.of(hotel.toString(), otherHotel.toString(), integration.client().id().toString(),
                threadId, messageId, spare.id().toString(), spareStaffId));

        Map<String, Object> recent = interval(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        Map<String, Object> limitation = Map.of("Count", 10, "Cursor", threadId);
        Shape threadPage = new Shape(List.of("Cursor"), "MessageThreads",
                List.of("Id", "OriginalSender", "Subject", "CreatedUtc", "UpdatedUtc", "IsResolved"));
        Shape messagePage = new Shape(List.of("Cursor"), "Messages", List.of("Id", "MessageThreadId", "Text", "Sender", "CreatedUtc"));
        Shape addedMessages = new Shape(List.of(), "Messages", List.of("Identifier", "Message"));
        List<Map<String, Object>> newMessages = List.of(Map.of("MessageThreadId", threadId, "Text", "Fuzzed", "Identifier", "x-1"));

        connector(integration, "messageThreads/getAll", threadPage, "EnterpriseIds", List.of(hotel.toString()),
                "MessageThreadIds", List.of(threadId), "CreatedUtc", recent, "UpdatedUtc", recent, "Limitation", limitation);
        connector(integration, "messageThreads/add", new Shape(List.of(), "MessageThreads", threadPage.itemFields()),
                "EnterpriseId", otherHotel.toString(), "OriginalSender", "Guest", "Subject", "Question");
        connector(integration, "messages/getAll", messagePage, "EnterpriseIds", List.of(hotel.toString()),
                "MessageThreadIds", List.of(threadId), "CreatedUtc", recent,
                "Limitation", Map.of("Count", 10, "Cursor", messageId));
        connector(integration, "messages/add", addedMessages, "Messages", newMessages);

        Shape staffThreads = new Shape(List.of(), "MessageThreads", List.of("Id", "ClientId", "Subject", "IsResolved"));
        bearer(Staff.MESSAGE_THREADS_GET_ALL, new Shape(List.of("Cursor"), "MessageThreads", staffThreads.itemFields()),
                "MessageThreadIds", List.of(threadId), "CreatedUtc", recent, "UpdatedUtc", recent,
                "IsResolved", false, "Limitation", limitation);
        bearer(Staff.MESSAGE_THREADS_RESOLVE, staffThreads, "MessageThreadIds", List.of(threadId), "IsResolved", false);
        bearer(Staff.MESSAGES_GET_ALL, messagePage, "MessageThreadIds", List.of(threadId), "CreatedUtc", recent,
                "Limitation", Map.of("Count", 10, "Cursor", messageId));
        bearer(Staff.MESSAGES_ADD, addedMessages, "Messages", newMessages);

        bearer(Admin.ENTERPRISES_ADD, new Shape(List.of(), "Enterprises", List.of("Id", "Name")),
                "Enterprises", List.of(Map.of("Name", "Fuzzed Hotel")));
        bearer(Admin.CLIENTS_ADD, new Shape(List.of(), "Clients", List.of("Id", "Name", "ClientToken", "WebhookUrl")),
                "Clients", List.of(Map.of("Name", "Fuzzed App", "WebhookUrl", "http://127.0.0.1:9/hook")));
        bearer(Admin.INTEGRATIONS_ADD,
                new Shape(List.of(), "Integrations", List.of("Id", "ClientId", "EnterpriseIds", "AccessToken", "IsPortfolio")),
                "Integrations", List.of(Map.of("ClientId", integration.client().id().toString(),
                        "EnterpriseIds", List.of(hotel.toString(), otherHotel.toString()))));
        bearer(Admin.INTEGRATIONS_DISABLE, new Shape(List.of(), null, List.of()),
                "IntegrationIds", List.of(spare.id().toString()));
        bearer(Admin.STAFF_TOKENS_ADD, new Shape(List.of("StaffToken"), null, List.of()),
                "EnterpriseId", otherHotel.toString());
        bearer(Admin.STAFF_TOKENS_GET_ALL, new Shape(List.of(), "StaffTokens", List.of("Id", "EnterpriseId")),
                "EnterpriseId", otherHotel.toString());
        bearer(Admin.STAFF_TOKENS_DISABLE, new Shape(List.of(), null, List.of()),
                "StaffTokenIds", List.of(spareStaffId));
        bearer(Admin.WEBHOOKS_GET_ALL, new Shape(List.of(), "Batches", List.of("Id", "Status", "MessageIds")),
                "Status", "Dead", "Limitation", Map.of("Count", 10));
        bearer(Admin.WEBHOOKS_REPLAY, new Shape(List.of("EventCount"), null, List.of()),
                "BatchIds", List.of(UUID.randomUUID().toString()));
        assertThat(OPERATIONS.keySet()).containsExactlyElementsOf(paths());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void everyMalformedBodyGetsAWellFormedAnswer(String path) {
        Operation operation = OPERATIONS.get(path);
        SeededRandom random = seeds.fork(path);
        Bodies bodies = new Bodies(random);
        int iterations = SeededRandom.iterations("concierge.fuzz.iterations", 150);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < iterations; i++) {
            byte[] body = bodies.next(operation.template());
            String where = random.where("body #" + i) + "body (" + body.length + " bytes): " + describe(body) + "\n";
            ApiResponse response;
            try {
                response = send(operation, body, random);
            } catch (UncheckedIOException failure) {
                throw new AssertionError(where + "no answer within " + TIMEOUT.toSeconds() + " s: " + failure.getCause(), failure);
            }
            assertWellFormed(operation, response, where);
            statuses.merge(response.status(), 1, Integer::sum);
        }
        System.out.println(path + ": " + iterations + " bodies, answers by status " + statuses);
    }

    // ----- odd text on both engines: what is acknowledged is what is stored (D12, D13)

    /** Characters PostgreSQL and H2 both store exactly; each must come back as sent. */
    private static final List<String> STORABLE = List.of("\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\udbff\udfff", "\u202e", "\u200f", "\u2066", "\u200b", "\ufeff", "\uffff", "\ufffe", "e\u0301", "\u00a0",
            "\u2028", "\u4f60\u597d", "\u0645\u0631\u062d\u0628\u0627", "\u0001", "\u001f", "\u007f", "\\", "\"", "'",
            "%00", "\r\n");

    /** NUL (PostgreSQL refuses it) and unpaired surrogates (no UTF-8 exists for them). */
    private static final List<String> UNSTORABLE = List.of("\u0000", "a\u0000b", "\ud800", "a\udc00", "\udc00\ud800",
            "\ud83d", "x\ude00y");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oddTextIsStoredExactlyAsSentOnEveryEngine(Engine engine) {
        Tenants tenants = new Tenants(TestServers.running(engine));
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, String> subjects = new LinkedHashMap<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String piece : STORABLE) {
            String subject = "S" + piece + "S";
            JsonNode thread = tenants.addThread(integration, "Subject", subject);
            assertThat(thread.path("Subject").asText()).as(describe(utf8(subject))).isEqualTo(subject);
            subjects.put(thread.path("Id").asText(), subject);
            messages.add(Map.of("MessageThreadId", thread.path("Id").asText(), "Text", "T" + piece + "T"));
        }
        ApiResponse added = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", messages));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        ApiResponse threads = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.copyOf(subjects.keySet()), "Limitation", Map.of("Count", 1000)));
        assertThat(threads.status()).as(threads.toString()).isEqualTo(200);
        threads.json().path("MessageThreads").forEach(thread -> assertThat(thread.path("Subject").asText())
                .as(describe(utf8(subjects.get(thread.path("Id").asText())))).isEqualTo(subjects.get(thread.path("Id").asText())));
        assertThat(threads.json().path("MessageThreads").size()).isEqualTo(STORABLE.size());

        ApiResponse stored = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.copyOf(subjects.keySet()), "Limitation", Map.of("Count", 1000)));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        stored.json().path("Messages").forEach(message -> texts.add(message.path("Text").asText()));
        assertThat(texts).containsExactlyInAnyOrderElementsOf(messages.stream().map(item -> (String) item.get("Text")).toList());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void nulAndUnpairedSurrogatesAreRefusedNamingTheFieldAndNothingIsStored(Engine engine) {
        Tenants tenants = new Tenants(TestServers.running(engine));
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        for (String piece : UNSTORABLE) {
            String shown = describe(utf8(piece));
            ApiResponse thread = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                    escaped(integration.body("OriginalSender", "Guest", "Subject", "S" + piece)));
            assertThat(thread.status()).as(shown + " " + thread).isEqualTo(400);
            assertThat(thread.message()).as(shown).contains("Subject");

            ApiResponse message = tenants.api().post(Connector.MESSAGES_ADD, escaped(integration.body("Messages", List.of(
                    Map.of("MessageThreadId", threadId, "Text", "fine"),
                    Map.of("MessageThreadId", threadId, "Text", "T" + piece)))));
            assertThat(message.status()).as(shown + " " + message).isEqualTo(400);
            assertThat(message.message()).as(shown).contains("Messages[1].Text");

            ApiResponse enterprise = tenants.api().admin(Admin.ENTERPRISES_ADD,
                    escaped(Map.of("Enterprises", List.of(Map.of("Name", piece)))));
            assertThat(enterprise.status()).as(shown + " " + enterprise).isEqualTo(400);
            assertThat(enterprise.message()).as(shown).contains("Enterprises[0].Name");
        }
        ApiResponse threads = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "CreatedUtc", interval(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1))),
                "Limitation", Map.of("Count", 1000)));
        assertThat(threads.json().path("MessageThreads").size()).as(threads.toString()).isEqualTo(1);
        ApiResponse messages = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1000)));
        assertThat(messages.json().path("Messages").size()).as(messages.toString()).isZero();
    }

    private static String escaped(Object body) {
        try {
            return ESCAPING.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWellFormed(Operation operation, ApiResponse response, String where) {
        String answer = where + "answer: " + response.status() + " " + abbreviate(response.body(), 2000);
        assertThat(response.status()).as(answer).isIn(ANSWERS);
        String requestId = response.header("Request-Id");
        assertThat(requestId).as(answer).isNotBlank();
        JsonNode json = response.json();
        assertThat(json.isObject()).as(answer).isTrue();
        if (response.status() == 200) {
            Shape shape = operation.shape();
            for (String name : shape.topLevel()) {
                assertThat(json.has(name)).as(answer).isTrue();
            }
            if (shape.array() != null) {
                assertThat(json.path(shape.array()).isArray()).as(answer).isTrue();
                json.path(shape.array()).forEach(item -> {
                    for (String name : shape.itemFields()) {
                        assertThat(item.has(name)).as(answer).isTrue();
                    }
                });
            }
            return;
        }
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(answer).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(json.path("Message").isTextual()).as(answer).isTrue();
        assertThat(json.path("Message").asText()).as(answer).isNotBlank();
        assertThat(json.path("RequestId").asText()).as(answer).isEqualTo(requestId);
        assertThat(json.path("Details").isNull()).as(answer).isTrue();
        if (response.status() == 400) {
            assertThat(json.path("Message").asText()).as(answer).startsWith("Invalid ");
        }
    }

    private static ApiResponse send(Operation operation, byte[] body, SeededRandom random) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + operation.path()))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = random.pick("application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "");
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (operation.bearer()) {
            String token = operation.path().startsWith(Admin.PREFIX) ? TestServers.ADMIN_TOKEN : staffToken;
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    // ----- valid bodies to start from

    private static void connector(Integration integration, String operation, Shape shape, Object... namesAndValues) {
        Map<String, Object> body = integration.body(namesAndValues);
        body.put("LanguageCode", "en-US");
        body.put("CultureCode", "en-US");
        OPERATIONS.put(Connector.PREFIX + operation, new Operation(Connector.PREFIX + operation, JSON.valueToTree(body), false, shape));
    }

    private static void bearer(String path, Shape shape, Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        OPERATIONS.put(path, new Operation(path, JSON.valueToTree(body), true, shape));
    }

    private static Map<String, Object> interval(Instant start, Instant end) {
        return Map.of("StartUtc", start.truncatedTo(ChronoUnit.SECONDS).toString(),
                "EndUtc", end.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    // ----- the generator

    /** Malformed (and now and then valid) bodies, derived from an operation's valid body. */
    static final class Bodies {

        private static final List<String> NAMES = List.of("ClientToken", "AccessToken", "Client", "LanguageCode",
                "CultureCode", "EnterpriseId", "EnterpriseIds", "MessageThreadIds", "MessageThreadId", "CreatedUtc",
                "UpdatedUtc", "StartUtc", "EndUtc", "Limitation", "Count", "Cursor", "Messages", "Text", "Identifier",
                "Subject", "OriginalSender", "IsResolved", "Enterprises", "Name", "Clients", "WebhookUrl",
                "Integrations", "ClientId", "IntegrationIds", "limitation", "COUNT", "", " ", "$type", "__proto__");

        private static final List<String> NUMBERS = List.of("1e309", "-1e309", "9223372036854775808",
                "-9223372036854775809", "18446744073709551616", "2147483648", "-2147483649", "-0", "-0.0", "0.0",
                "1e-400", "4.9e-324", "1.0", "1E3", "1e3", "1000", "1001", "0", "-1", "10.5", "0.1e1",
                "1" + "0".repeat(400), "9".repeat(1500), "0." + "0".repeat(300) + "1");

        private static final List<String> RAW_STRINGS = List.of("\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"",
                "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\ud800\\u0041\"", "\"\\u0000\"", "\"a\\u0000b\"",
                "\"\\uZZZZ\"", "\"\\u12\"", "\"\\x41\"", "\"\\a\"", "\"tab\there\"", "\"new\nline\"", "\"\\/\"",
                "\"\u0001\"", "'single quoted'", "\"unterminated", "\"\\\"");

        private static final List<String> PIECES = List.of("\u0000", "\u0001", "\u001f", "\u007f", "\u202e",
                "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\ufeff", "\ufffe", "\uffff", "\ud83d\ude00",
                "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "e\u0301", "\u00a0", "\u2028", "\u2029", "\u01c5",
                "\u0130", "\u00df", "\ufb00", "\u0645\u0631\u062d\u0628\u0627", "\u4f60\u597d", "\\", "\"", "'", "<b>",
                "%00", "' OR 1=1 --", "${jndi:ldap://x}", "\r\n", "\t", " ", "a", "Z", "0", "-", ":", "\ud800\udc00");

        private static final List<String> DATES = List.of("0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z", "2022-03-07T24:00:00Z", "2016-12-31T23:59:60Z", "2022-02-29T00:00:00Z",
                "2022-13-01T00:00:00Z", "2022-00-10T00:00:00Z", "2022-03-07T16:09:45", "2022-03-07T16:09:45+18:00",
                "2022-03-07T16:09:45+25:00", "2022-03-07T16:09:45.1234567891Z", "2022-03-07T16:09:45.123456789Z",
                "2022-03-07", "16:09:45Z", "2022-03-07 16:09:45Z", "2022-03-07t16:09:45z", "1646669385",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+01:00",
                "9999-12-31T23:59:59-00:01", "2022-03-07T16:09:45Z[Europe/Prague]", "P1D", "now",
                "\uff12\uff10\uff12\uff12-03-07T16:09:45Z", "2022-03-07T16:09:45.Z", "2022-03-07T16:09:45+0100",
                "2022-03-07T16:09:45-00:00", "2022-W10-1T00:00:00Z", "2022-066T00:00:00Z");

        private final SeededRandom random;

        Bodies(SeededRandom random) {
            this.random = random;
        }

        /** Bodies stay under 4 MiB: the 16 MiB limit has tests of its own (ErrorModelTest). */
        byte[] next(ObjectNode template) {
            byte[] body;
            do {
                body = generate(template);
            } while (body.length > 4 * 1024 * 1024);
            return body;
        }

        private byte[] generate(ObjectNode template) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                return utf8(write(mutate(template.deepCopy())));
            } else if (kind < 52) {
                return utf8(write(randomTree(3)));
            } else if (kind < 64) {
                return utf8(breakText(write(random.chance(0.5) ? template : mutate(template.deepCopy()))));
            } else if (kind < 74) {
                return breakBytes(utf8(write(template)));
            } else if (kind < 82) {
                return utf8(deepNesting(template));
            } else if (kind < 88) {
                return utf8(duplicateKey(template));
            } else if (kind < 94) {
                return otherEncoding(write(template));
            }
            return utf8(random.pick("", " ", "null", "[]", "{}", "\"{}\"", "0", "{", "}", "\u0000", " ".repeat(100_000),
                    "{} {}", "{}x", "/* c */ {}", "{'a': 1}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}",
                    "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 1,}", "{,}", "[" + write(template) + "]", "\ufeff{}"));
        }

        /** One to three changes at random places of the tree: a hostile value, a removal, a null, an extra property. */
        private JsonNode mutate(ObjectNode root) {
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                List<Slot> slots = new ArrayList<>();
                collect(root, slots);
                if (slots.isEmpty() || random.chance(0.08)) {
                    root.set(random.pick(NAMES), evil());
                    continue;
                }
                Slot slot = random.pick(slots);
                int roll = random.nextInt(100);
                if (roll < 75) {
                    slot.set(evil());
                } else if (roll < 85) {
                    slot.remove();
                } else if (roll < 90) {
                    slot.set(NODES.nullNode());
                } else if (roll < 95) {
                    JsonNode inner = slot.get();
                    ObjectNode inObject = NODES.objectNode();
                    inObject.set(random.pick(NAMES), inner);
                    ArrayNode inArray = NODES.arrayNode();
                    inArray.add(inner);
                    slot.set(random.chance(0.5) ? inArray : inObject);
                } else {
                    ArrayNode many = NODES.arrayNode();
                    int size = write(slot.get()).length() > 1000 ? 0 : random.pick(0, 1001, 1002);
                    for (int i = 0; i < size; i++) {
                        many.add(slot.get());
                    }
                    slot.set(many);
                }
            }
            return root;
        }

        private JsonNode evil() {
            return switch (random.nextInt(9)) {
                case 0 -> random.pick(NODES.booleanNode(true), NODES.booleanNode(false), NODES.numberNode(0),
                        NODES.numberNode(-1), NODES.numberNode(1.5), NODES.textNode(""), NODES.textNode(" "),
                        NODES.textNode("\t\n"), NODES.textNode("x"), NODES.arrayNode(), NODES.objectNode(),
                        NODES.arrayNode().addNull(), NODES.arrayNode().add(1).add(2), NODES.objectNode().put("Count", 1));
                case 1 -> raw(random.pick(NUMBERS));
                case 2 -> NODES.textNode(oddText(1 + random.nextInt(40)));
                case 3 -> NODES.textNode(uuidLike());
                case 4 -> NODES.textNode(random.chance(0.8) ? random.pick(DATES) : oddText(20));
                case 5 -> NODES.textNode(longText());
                case 6 -> randomTree(2);
                case 7 -> raw(random.pick(RAW_STRINGS));
                default -> random.chance(0.5)
                        ? NODES.objectNode().<ObjectNode>set("StartUtc", NODES.textNode(random.pick(DATES)))
                                .set("EndUtc", NODES.textNode(random.pick(DATES)))
                        : NODES.objectNode().<ObjectNode>set("Count", random.chance(0.5) ? raw(random.pick(NUMBERS)) : evilLeaf())
                                .set("Cursor", NODES.textNode(uuidLike()));
            };
        }

        private JsonNode evilLeaf() {
            return random.chance(0.5) ? NODES.textNode(oddText(5)) : NODES.numberNode(random.nextInt(3000) - 1000);
        }

        private JsonNode randomTree(int depth) {
            int roll = random.nextInt(depth <= 0 ? 6 : 10);
            return switch (roll) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.booleanNode(random.nextBoolean());
                case 2 -> random.chance(0.5) ? NODES.numberNode(random.nextLong()) : NODES.numberNode(random.nextDouble() * 1e6);
                case 3 -> raw(random.pick(NUMBERS));
                case 4 -> NODES.textNode(random.chance(0.3) ? uuidLike() : oddText(random.nextInt(12)));
                case 5 -> NODES.textNode(random.pick(DATES));
                case 6, 7 -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        array.add(randomTree(depth - 1));
                    }
                    yield array;
                }
                default -> {
                    ObjectNode object = NODES.objectNode();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        object.set(random.chance(0.8) ? random.pick(NAMES) : oddText(6), randomTree(depth - 1));
                    }
                    yield object;
                }
            };
        }

        private String oddText(int pieces) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                text.append(random.pick(PIECES));
            }
            return text.toString();
        }

        private String longText() {
            int length = random.pick(255, 256, 1000, 10_000, 10_001, 100_000, random.chance(0.2) ? 1_000_000 : 20_000);
            String unit = random.pick("a", " ", "\u00e9", "\ud83d\ude00", "\u202e", "0");
            return unit.repeat(Math.max(1, length / unit.length()));
        }

        private String uuidLike() {
            String id = random.chance(0.4) ? random.pick(KNOWN_IDS) : random.uuid().toString();
            return switch (random.nextInt(16)) {
                case 0 -> id;
                case 1 -> id.toUpperCase(Locale.ROOT);
                case 2 -> "00000000-0000-0000-0000-000000000000";
                case 3 -> "ffffffff-ffff-ffff-ffff-ffffffffffff";
                case 4 -> id.substring(1);
                case 5 -> id + "0";
                case 6 -> "{" + id + "}";
                case 7 -> "urn:uuid:" + id;
                case 8 -> id.replace("-", "");
                case 9 -> id.substring(0, 7) + "-" + id.substring(7, 8) + id.substring(9);
                case 10 -> id.replace(id.charAt(3), 'g');
                case 11 -> " " + id + " ";
                case 12 -> id.replace('1', '\uff11').replace('2', '\u0662');
                case 13 -> id + "\u0000";
                case 14 -> "-".repeat(36);
                default -> "1-1-1-1-1";
            };
        }

        /** The JSON text broken: cut short, a character dropped, doubled or swapped for a structural one. */
        private String breakText(String json) {
            if (json.isEmpty()) {
                return "{";
            }
            int at = random.nextInt(json.length());
            return switch (random.nextInt(6)) {
                case 0 -> json.substring(0, at);
                case 1 -> json.substring(0, at) + json.substring(at + 1);
                case 2 -> json.substring(0, at) + random.pick("{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "'")
                        + json.substring(at);
                case 3 -> json.substring(0, at) + json.substring(at, Math.min(json.length(), at + 1 + random.nextInt(20)))
                        + json.substring(at);
                case 4 -> json.replace(":", random.pick("=", "::", ": :"));
                default -> json.replace("\"", "");
            };
        }

        /** Bytes that are not UTF-8 (or encode something UTF-8 forbids), put inside the text, often inside a string. */
        private byte[] breakBytes(byte[] json) {
            byte[][] bad = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}, {0}};
            int at = random.nextInt(json.length + 1);
            if (random.chance(0.6)) {
                for (int i = at; i < json.length; i++) {
                    if (json[i] == '"') {
                        at = i + 1;
                        break;
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(json, 0, at);
            out.writeBytes(random.pick(bad));
            out.write(json, at, json.length - at);
            return out.toByteArray();
        }

        /** Nesting far beyond any sensible depth, in a field or as the whole body, closed or not. */
        private String deepNesting(ObjectNode template) {
            int depth = random.pick(999, 1001, 2000, 10_000, 100_000);
            boolean arrays = random.chance(0.5);
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            String nested = open.repeat(depth) + "1" + (random.chance(0.8) ? close.repeat(depth) : "");
            if (random.chance(0.3)) {
                return nested;
            }
            ObjectNode body = template.deepCopy();
            body.set(random.chance(0.7) ? random.pick(NAMES) : "Unknown", raw(nested));
            return write(body);
        }

        /** A property sent twice, as is or in another letter case. */
        private String duplicateKey(ObjectNode template) {
            List<String> names = new ArrayList<>();
            template.fieldNames().forEachRemaining(names::add);
            String name = random.pick(names);
            String twin = random.chance(0.5) ? name : name.toLowerCase(Locale.ROOT);
            String json = write(template);
            return "{\"" + twin + "\":" + write(template.get(name)) + "," + json.substring(1);
        }

        /** The valid body in other encodings and with byte order marks. */
        private byte[] otherEncoding(String json) {
            String text = random.chance(0.5) ? json : json.replace("Guest", "G\u00fcst\u00e9").replace("Hello", "H\u00e9llo");
            Charset charset = random.pick(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
                    StandardCharsets.ISO_8859_1, Charset.forName("UTF-32"), StandardCharsets.UTF_8);
            byte[] encoded = text.getBytes(charset);
            if (charset == StandardCharsets.UTF_8 && random.chance(0.5)) {
                byte[] withBom = new byte[encoded.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(encoded, 0, withBom, 3, encoded.length);
                return withBom;
            }
            return encoded;
        }

        private static JsonNode raw(String json) {
            return NODES.rawValueNode(new RawValue(json));
        }
    }

    /** A place in a tree that holds a value: a property of an object or an element of an array. */
    record Slot(JsonNode container, String name, int index) {

        JsonNode get() {
            return name != null ? container.get(name) : container.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) container).set(name, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) container).remove(name);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(node, name, -1));
                collect(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots);
            }
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body for a failure message: text with invisible and odd characters escaped, bytes that are not UTF-8 as \xNN. */
    static String describe(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder escaped = new StringBuilder();
            for (byte b : body) {
                escaped.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xff));
            }
            text = escaped.toString();
        }
        StringBuilder shown = new StringBuilder();
        text.chars().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return abbreviate(shown.toString(), 3000);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters in all)";
    }
}
