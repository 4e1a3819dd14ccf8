package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real concurrent HTTP requests against one thread (issue 3, item 4): no message is lost, the
 * thread's UpdatedUtc is never behind a message, and IsResolved follows the last write.
 */
class ConcurrencyTest extends OnBothEngines {

    private static final int WORKERS = 8;
    private static final int REQUESTS_PER_WORKER = 25;
    private static final int ROUNDS = 20;

    ExecutorService pool;

    /** One client in one enterprise, with one token per worker so no single token carries all the load. */
    List<Tenants.Integration> tokens;
    String staffToken;
    String threadId;

    @BeforeEach
    void setUp() {
        tenants = new Tenants(TestServers.running(engine));
        pool = Executors.newFixedThreadPool(WORKERS);
        Tenants.Integration first = tenants.singleEnterpriseIntegration();
        tokens = new ArrayList<>(List.of(first));
        for (int i = 1; i < WORKERS; i++) {
            tokens.add(tenants.integration(first.client(), first.enterpriseId()));
        }
        staffToken = tenants.staffToken(first.enterpriseId());
        threadId = tenants.addThread(first).path("Id").asText();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void concurrentAddsToOneThreadLoseNoMessageAndKeepEachBatchInOrder() {
        List<Supplier<List<ApiResponse>>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.add(() -> {
                List<ApiResponse> responses = new ArrayList<>();
                for (int r = 0; r < REQUESTS_PER_WORKER; r++) {
                    responses.add(appMessages(tokens.get(worker), worker + "/" + r + "/a", worker + "/" + r + "/b"));
                }
                return responses;
            });
        }

        List<List<ApiResponse>> results = race(workers);

        List<String> added = new ArrayList<>();
        for (List<ApiResponse> responses : results) {
            for (ApiResponse response : responses) {
                assertThat(response).isOk();
                response.json().path("Messages").forEach(item -> added.add(item.path("Message").path("Id").asText()));
            }
        }
        List<JsonNode> listed = allMessages();
        List<String> listedTexts = listed.stream().map(message -> message.path("Text").asText()).toList();
        assertThat(listed).extracting(message -> message.path("Id").asText())
                .hasSize(WORKERS * REQUESTS_PER_WORKER * 2)
                .containsExactlyInAnyOrderElementsOf(added);
        for (int w = 0; w < WORKERS; w++) {
            List<String> newestFirst = new ArrayList<>();
            for (int r = REQUESTS_PER_WORKER - 1; r >= 0; r--) {
                newestFirst.add(w + "/" + r + "/b");
                newestFirst.add(w + "/" + r + "/a");
            }
            int worker = w;
            assertThat(listedTexts.stream().filter(text -> text.startsWith(worker + "/")).toList())
                    .as("worker %d's messages, newest first", w)
                    .containsExactlyElementsOf(newestFirst);
        }
        assertThreadIsNotBehindItsMessages(listed);
        assertThat(thread().path("IsResolved").asBoolean()).isFalse();
    }

    @Test
    void staffReplyRacingAResolveLeavesTheThreadResolved() {
        int replies = 0;
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(resolve(false)).isOk();
            String text = "reply " + round;

            List<ApiResponse> results = race(List.of(() -> staffReply(text), () -> resolve(true)));

            results.forEach(result -> assertThat(result).isOk());
            replies++;
            assertThat(results.get(1).json().path("MessageThreads").get(0).path("IsResolved").asBoolean())
                    .as("round %d: the resolve's own answer", round).isTrue();
            assertThat(thread().path("IsResolved").asBoolean()).as("round %d", round).isTrue();
        }
        List<JsonNode> listed = allMessages();
        assertThat(listed).hasSize(replies);
        assertThreadIsNotBehindItsMessages(listed);
    }

    @Test
    void appMessagesRacingAResolveLoseNothingAndTheLastWriteDecides() {
        int messages = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Supplier<ApiResponse>> calls = new ArrayList<>();
            calls.add(() -> resolve(true));
            for (int w = 1; w < 4; w++) {
                Tenants.Integration token = tokens.get(w);
                String text = "round " + round + " from " + w;
                calls.add(() -> appMessages(token, text));
            }

            List<ApiResponse> results = race(calls);

            results.forEach(result -> assertThat(result).isOk());
            messages += calls.size() - 1;
            assertThat(results.getFirst().json().path("MessageThreads").get(0).path("IsResolved").asBoolean())
                    .as("round %d: the resolve's own answer", round).isTrue();
            // Whatever order they committed in, one more write decides the state.
            if (round % 2 == 0) {
                assertThat(appMessages(tokens.getFirst(), "round " + round + " last word")).isOk();
                messages++;
                assertThat(thread().path("IsResolved").asBoolean()).as("round %d", round).isFalse();
            } else {
                assertThat(resolve(true)).isOk();
                assertThat(thread().path("IsResolved").asBoolean()).as("round %d", round).isTrue();
            }
        }
        List<JsonNode> listed = allMessages();
        assertThat(listed).hasSize(messages);
        assertThreadIsNotBehindItsMessages(listed);
    }

    @Test
    void batchesOverTwoThreadsInOppositeOrdersAllSucceed() {
        String otherThreadId = tenants.addThread(tokens.getFirst()).path("Id").asText();
        List<String> both = List.of(threadId, otherThreadId);
        List<String> reversed = List.of(otherThreadId, threadId);
        for (int round = 0; round < ROUNDS; round++) {
            List<Supplier<ApiResponse>> calls = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Tenants.Integration token = tokens.get(w);
                List<String> order = w % 2 == 0 ? both : reversed;
                calls.add(() -> add(token, List.of(
                        Map.of("MessageThreadId", order.get(0), "Text", "first"),
                        Map.of("MessageThreadId", order.get(1), "Text", "second"))));
            }
            calls.add(() -> tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                    Map.of("MessageThreadIds", both, "IsResolved", true)));
            calls.add(() -> tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                    Map.of("MessageThreadIds", reversed, "IsResolved", true)));

            race(calls).forEach(result -> assertThat(result).isOk());
        }
        ApiResponse page = tenants.api().post(Connector.MESSAGES_GET_ALL, tokens.getFirst().body(
                "MessageThreadIds", both, "Limitation", Map.of("Count", 1000)));
        assertThat(page.json().path("Messages")).hasSize(ROUNDS * 4 * 2);
    }

    // --- helpers

    /** Starts every call at the same moment on its own thread; returns their results in call order. */
    private <T> List<T> race(List<Supplier<T>> calls) {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        List<Future<T>> futures = new ArrayList<>();
        for (Supplier<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.get();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        return results;
    }

    private ApiResponse appMessages(Tenants.Integration token, String... texts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String text : texts) {
            items.add(Map.of("MessageThreadId", threadId, "Text", text));
        }
        return add(token, items);
    }

    private ApiResponse add(Tenants.Integration token, List<Map<String, Object>> items) {
        return tenants.api().post(Connector.MESSAGES_ADD, token.body("Messages", items));
    }

    private ApiResponse staffReply(String text) {
        return tenants.staff(staffToken, Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", text))));
    }

    private ApiResponse resolve(boolean resolved) {
        return tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", List.of(threadId), "IsResolved", resolved));
    }

    private JsonNode thread() {
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, tokens.getFirst().body(
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        return response.json().path("MessageThreads").get(0);
    }

    /** Every message of the thread, newest first (at most 1000: one page). */
    private List<JsonNode> allMessages() {
        Map<String, Object> limitation = new HashMap<>(Map.of("Count", 1000));
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, tokens.getFirst().body(
                "MessageThreadIds", List.of(threadId), "Limitation", limitation));
        assertThat(response).isOk();
        List<JsonNode> messages = new ArrayList<>();
        response.json().path("Messages").forEach(messages::add);
        assertThat(messages).hasSizeLessThan(1000);
        return messages;
    }

    private void assertThreadIsNotBehindItsMessages(List<JsonNode> messages) {
        Instant updated = Instant.parse(thread().path("UpdatedUtc").asText());
        for (JsonNode message : messages) {
            assertThat(updated).as("thread UpdatedUtc vs message %s", message)
                    .isAfterOrEqualTo(Instant.parse(message.path("CreatedUtc").asText()));
        }
    }

}
