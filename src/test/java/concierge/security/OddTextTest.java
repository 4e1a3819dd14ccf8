package concierge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Odd text on both engines (spec D12, D13): what is acknowledged is what is stored, and what cannot
 * be stored exactly (NUL, unpaired surrogates) is refused naming the field, storing nothing.
 */
class OddTextTest extends OnBothEngines {

    /** Writes every non-ASCII character as a \\u escape, so an unpaired surrogate reaches the server as sent. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Characters PostgreSQL and H2 both store exactly; each must come back as sent. */
    private static final List<String> STORABLE = List.of("\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\udbff\udfff", "\u202e", "\u200f", "\u2066", "\u200b", "\ufeff", "\uffff", "\ufffe", "e\u0301", "\u00a0",
            "\u2028", "\u4f60\u597d", "\u0645\u0631\u062d\u0628\u0627", "\u0001", "\u001f", "\u007f", "\\", "\"", "'",
            "%00", "\r\n");

    /** NUL (PostgreSQL refuses it) and unpaired surrogates (no UTF-8 exists for them). */
    private static final List<String> UNSTORABLE = List.of("\u0000", "a\u0000b", "\ud800", "a\udc00", "\udc00\ud800",
            "\ud83d", "x\ude00y");

    @Test
    void oddTextIsStoredExactlyAsSent() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, String> subjects = new LinkedHashMap<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String piece : STORABLE) {
            String subject = "S" + piece + "S";
            JsonNode thread = tenants.addThread(integration, "Subject", subject);
            assertThat(thread.path("Subject").asText()).as(MalformedInputFuzzTest.describe(utf8(subject))).isEqualTo(subject);
            subjects.put(thread.path("Id").asText(), subject);
            messages.add(Map.of("MessageThreadId", thread.path("Id").asText(), "Text", "T" + piece + "T"));
        }
        ApiResponse added = tenants.api().post(Connector.MESSAGES_ADD, integration.body("Messages", messages));
        assertThat(added).isOk();

        ApiResponse threads = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.copyOf(subjects.keySet()), "Limitation", Map.of("Count", 1000)));
        assertThat(threads).isOk();
        threads.json().path("MessageThreads").forEach(thread -> assertThat(thread.path("Subject").asText())
                .as(MalformedInputFuzzTest.describe(utf8(subjects.get(thread.path("Id").asText())))).isEqualTo(subjects.get(thread.path("Id").asText())));
        assertThat(threads.json().path("MessageThreads").size()).isEqualTo(STORABLE.size());

        ApiResponse stored = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(
                "MessageThreadIds", List.copyOf(subjects.keySet()), "Limitation", Map.of("Count", 1000)));
        assertThat(stored).isOk();
        List<String> texts = new ArrayList<>();
        stored.json().path("Messages").forEach(message -> texts.add(message.path("Text").asText()));
        assertThat(texts).containsExactlyInAnyOrderElementsOf(messages.stream().map(item -> (String) item.get("Text")).toList());
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedNamingTheFieldAndNothingIsStored() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        for (String piece : UNSTORABLE) {
            String shown = MalformedInputFuzzTest.describe(utf8(piece));
            ApiResponse thread = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                    escaped(integration.body("OriginalSender", "Guest", "Subject", "S" + piece)));
            assertThat(thread).as(shown).isBadRequestNaming("Subject");

            ApiResponse message = tenants.api().post(Connector.MESSAGES_ADD, escaped(integration.body("Messages", List.of(
                    Map.of("MessageThreadId", threadId, "Text", "fine"),
                    Map.of("MessageThreadId", threadId, "Text", "T" + piece)))));
            assertThat(message).as(shown).isBadRequestNaming("Messages[1].Text");

            ApiResponse enterprise = tenants.api().admin(Admin.ENTERPRISES_ADD,
                    escaped(Map.of("Enterprises", List.of(Map.of("Name", piece)))));
            assertThat(enterprise).as(shown).isBadRequestNaming("Enterprises[0].Name");
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
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> interval(Instant start, Instant end) {
        return Map.of("StartUtc", start.truncatedTo(ChronoUnit.SECONDS).toString(),
                "EndUtc", end.truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
