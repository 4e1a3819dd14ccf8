package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §5: writers that lock the same threads in different orders (app messages/add over several
 * threads in random order, staff replies, staff resolves of several threads) are answered without a
 * 5xx, and every acknowledged message is stored. Before the fix, PostgreSQL answered about 3% of
 * such requests with 500 "deadlock detected".
 */
@Tag("slow")
class LockOrderTest extends OnBothEngines {

    private static final int THREADS = 6;
    private static final int WORKERS = 16;
    private static final int REQUESTS = 2_000;

    @Test
    void mixedWritesOverManyThreadsInRandomOrdersNeverAnswer5xxAndLoseNothing() throws Exception {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        List<String> threadIds = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threadIds.add(tenants.addThread(app).path("Id").asText());
        }
        SeededRandom seeds = SeededRandom.create("LockOrderTest " + engine);
        AtomicInteger next = new AtomicInteger();
        List<ApiResponse> failures = new CopyOnWriteArrayList<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                SeededRandom random = seeds.fork("worker " + w);
                workers.add(pool.submit(() -> {
                    for (int request = next.getAndIncrement(); request < REQUESTS; request = next.getAndIncrement()) {
                        List<String> order = new ArrayList<>(threadIds);
                        Collections.shuffle(order, random);
                        List<String> some = order.subList(0, 2 + random.nextInt(THREADS - 1));
                        List<String> texts = new ArrayList<>();
                        ApiResponse response = switch (random.nextInt(3)) {
                            case 0 -> tenants.api().post(Connector.MESSAGES_ADD,
                                    app.body("Messages", messages(some, "app " + request, texts)));
                            case 1 -> tenants.staff(staffToken, Staff.MESSAGES_ADD,
                                    Map.of("Messages", messages(some, "staff " + request, texts)));
                            default -> tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                                    Map.of("MessageThreadIds", some, "IsResolved", random.nextBoolean()));
                        };
                        if (response.status() == 200) {
                            acknowledged.addAll(texts);
                        } else {
                            failures.add(response);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).as(seeds.where("error answers")).isEmpty();
        assertThat(storedTexts(tenants, app, threadIds)).as(seeds.where("stored messages"))
                .containsAll(acknowledged);
    }

    /** One message per thread, in the given order, each with a text of its own. */
    private static List<Map<String, Object>> messages(List<String> threadIds, String prefix, List<String> texts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < threadIds.size(); i++) {
            String text = prefix + " item " + i;
            texts.add(text);
            items.add(Map.of("MessageThreadId", threadIds.get(i), "Text", text));
        }
        return items;
    }

    /** Every text in those threads, page by page through messages/getAll. */
    private static Set<String> storedTexts(Tenants tenants, Tenants.Integration app, List<String> threadIds) {
        Set<String> texts = new HashSet<>();
        String cursor = null;
        while (true) {
            Map<String, Object> limitation = new LinkedHashMap<>();
            limitation.put("Count", 1000);
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            ApiResponse page = tenants.api().post(Connector.MESSAGES_GET_ALL,
                    app.body("MessageThreadIds", threadIds, "Limitation", limitation));
            assertThat(page).isOk();
            JsonNode messages = page.json().path("Messages");
            messages.forEach(message -> texts.add(message.path("Text").asText()));
            if (messages.size() < 1000) {
                return texts;
            }
            cursor = page.json().path("Cursor").asText();
        }
    }
}
