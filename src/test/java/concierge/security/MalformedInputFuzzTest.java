package concierge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.OnH2;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Malformed input at every operation (spec D12, D13, D14, D15): seeded-random bodies built from a
 * valid request of each operation (with valid credentials, so body parsing is reached) by putting
 * wrong types, huge numbers, odd unicode, invalid UUIDs and date-times, long strings and deep
 * nesting into its fields, or by breaking the JSON text or its UTF-8 bytes. Every answer must be a
 * well-formed JSON error (400, 401, 403 or 413, with Message and a Request-Id header equal to
 * RequestId), or a 200 of the operation's shape where the random body happens to be valid; never a
 * 500, never a hang.
 *
 * <p>Bodies per operation: {@code -Dconcierge.fuzz.iterations} (default 150, so about 2,550 in all); replay a run with
 * {@code -Dconcierge.seed}. One shared H2 server: the parsing is the same on both engines.
 */
@Tag("slow")
class MalformedInputFuzzTest extends OnH2 {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** 403: an operation this server is set up to refuse (the shared servers' reset). */
    private static final Set<Integer> ANSWERS = Set.of(200, 400, 401, 403, 413);

    private static SeededRandom seeds;
    private static World world;
    /** UUIDs that exist on the server, so that mutated bodies are sometimes valid. */
    private static final List<String> KNOWN_IDS = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    static void provision(Engine engine) {
        seeds = SeededRandom.create("MalformedInputFuzzTest");
        world = World.provision(new Tenants(TestServers.running(engine)));
        KNOWN_IDS.addAll(List.of(world.enterpriseId().toString(), world.otherEnterpriseId().toString(),
                world.integration().client().id().toString(), world.threadId(), world.newerThreadId(),
                world.messageId(), world.newerMessageId(), world.spareIntegrationId().toString(),
                world.spareStaffTokenId()));
    }

    static List<Operation> operations() {
        return Operations.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyMalformedBodyGetsAWellFormedAnswer(Operation operation) {
        ObjectNode template = template(operation);
        SeededRandom random = seeds.fork(operation.path());
        Bodies bodies = new Bodies(random);
        int iterations = SeededRandom.iterations("concierge.fuzz.iterations", 150);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < iterations; i++) {
            byte[] body = bodies.next(template);
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
        System.out.println(operation + ": " + iterations + " bodies, answers by status " + statuses);
    }

    private static void assertWellFormed(Operation operation, ApiResponse response, String where) {
        String answer = where + "answer: " + response.status() + " " + abbreviate(response.body(), 2000);
        assertThat(response.status()).as(answer).isIn(ANSWERS);
        if (response.status() == 200) {
            assertThat(response).as(answer).hasRequestId().hasShape(operation.answer());
        } else if (response.status() == 400) {
            assertThat(response).as(answer).isBadRequest();
        } else {
            assertThat(response).as(answer).hasErrorBody();
        }
    }

    private ApiResponse send(Operation operation, byte[] body, SeededRandom random) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server().port() + operation.path()))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = random.pick("application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "");
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        String[] headers = operation.headers(world);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return tenants.api().send(request.build());
    }

    /** The operation's example with valid credentials, so that body parsing is reached; Connector bodies also carry the fields every Connector request may. */
    private static ObjectNode template(Operation operation) {
        Map<String, Object> body = operation.body(world, world);
        if (operation.auth() == Auth.CONNECTOR) {
            body.put("LanguageCode", "en-US");
            body.put("CultureCode", "en-US");
        }
        return JSON.valueToTree(body);
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

        /** A property sent twice, as is or in another letter case (an empty body, such as reset's, gets one of its own). */
        private String duplicateKey(ObjectNode template) {
            List<String> names = new ArrayList<>();
            template.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                return "{\"Unknown\": 1, \"unknown\": 2}";
            }
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
