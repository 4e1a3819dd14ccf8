package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Paging through 3,000 messages in 3 threads, added through the API in batches of 1000 (so many
 * share a CreatedUtc and only the insertion order tells them apart): every message exactly once,
 * newest first (D4).
 */
class MessagesPagingTest extends OnBothEngines {

    private static final int THREADS = 3;
    private static final int BATCHES = 3;
    private static final int BATCH = 1000;

    /** Added once per engine, by several tokens of the same client, taken in turn, so no single token makes hundreds of requests. */
    static List<Tenants.Integration> tokens;
    static List<String> threadIds;
    /** Every message Id in insertion order; newest first is the reverse. */
    static List<String> inserted;

    @BeforeParameterizedClassInvocation
    static void addThreeThousandMessages(Engine engine) {
        Tenants tenants = new Tenants(TestServers.running(engine));
        Tenants.Integration first = tenants.singleEnterpriseIntegration();
        tokens = new ArrayList<>(List.of(first));
        for (int i = 0; i < 3; i++) {
            tokens.add(tenants.integration(first.client(), first.enterpriseId()));
        }
        threadIds = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threadIds.add(tenants.addThread(first).path("Id").asText());
        }
        inserted = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Map<String, Object>> items = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                String threadId = threadIds.get((batch * BATCH + i) % THREADS);
                items.add(Map.of("MessageThreadId", threadId, "Text", "Message " + batch + "/" + i));
            }
            ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, first.body("Messages", items));
            assertThat(response).isOk();
            response.json().path("Messages").forEach(added -> inserted.add(added.path("Message").path("Id").asText()));
        }
        assertThat(inserted).hasSize(BATCHES * BATCH);
    }

    @Test
    void pagesOf1000ReturnEveryMessageOnceNewestFirst() {
        List<String> read = readAll(threadIds, 1000);

        assertThat(read).containsExactlyElementsOf(inserted.reversed());
    }

    @Test
    void pagesOf13ReturnEveryMessageOnceNewestFirst() {
        List<String> read = readAll(threadIds, 13);

        assertThat(read).containsExactlyElementsOf(inserted.reversed());
    }

    @Test
    void pagesOf13ThroughOneThreadReturnItsMessagesOnceNewestFirst() {
        String threadId = threadIds.get(1);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < inserted.size(); i++) {
            if (i % THREADS == 1) {
                expected.add(inserted.get(i));
            }
        }

        List<String> read = readAll(List.of(threadId), 13);

        assertThat(read).hasSize(1000).containsExactlyElementsOf(expected.reversed());
    }

    @Test
    void everyPageButTheEmptyOneCarriesTheIdOfItsLastMessage() {
        String cursor = null;
        int pages = 0;
        while (true) {
            JsonNode page = page(threadIds, 1000, cursor, pages);
            JsonNode messages = page.path("Messages");
            pages++;
            if (messages.isEmpty()) {
                assertThat(page.path("Cursor").isNull()).as(page.toString()).isTrue();
                break;
            }
            assertThat(page.path("Cursor").asText()).isEqualTo(messages.get(messages.size() - 1).path("Id").asText());
            cursor = page.path("Cursor").asText();
        }
        assertThat(pages).isEqualTo(4);
    }

    /** Follows the cursor until an empty page; fails if a page repeats a message or the loop runs away. */
    private List<String> readAll(List<String> threads, int count) {
        List<String> read = new ArrayList<>();
        String cursor = null;
        int maxPages = inserted.size() / count + 2;
        for (int pageNumber = 0; ; pageNumber++) {
            assertThat(pageNumber).as("too many pages").isLessThanOrEqualTo(maxPages);
            JsonNode page = page(threads, count, cursor, pageNumber);
            JsonNode messages = page.path("Messages");
            if (messages.isEmpty()) {
                assertThat(page.path("Cursor").isNull()).isTrue();
                return read;
            }
            assertThat(messages.size()).isLessThanOrEqualTo(count);
            messages.forEach(message -> read.add(message.path("Id").asText()));
            cursor = page.path("Cursor").asText();
        }
    }

    private JsonNode page(List<String> threads, int count, String cursor, int pageNumber) {
        Map<String, Object> limitation = cursor == null
                ? Map.of("Count", count)
                : Map.of("Count", count, "Cursor", cursor);
        Tenants.Integration token = tokens.get(pageNumber % tokens.size());
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, token.body("MessageThreadIds", threads,
                "Limitation", limitation));
        assertThat(response).isOk();
        return response.json();
    }
}
