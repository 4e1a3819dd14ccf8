package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the messageThreads/getAll tests share: the call, threads seeded with chosen timestamps, and
 * the pieces of a request and of its answer. Its subclasses run on both engines: what they assert
 * depends on how the database stores, filters and orders threads.
 */
abstract class ThreadListingTest extends OnBothEngines {

    static final Instant T = Instant.parse("2022-03-07T16:09:45Z");
    static final Map<String, Object> AROUND_T = interval("2022-03-01T00:00:00Z", "2022-04-01T00:00:00Z");

    ApiResponse getAll(Integration integration, Object... namesAndValues) {
        return getAll(tenants, integration, namesAndValues);
    }

    static ApiResponse getAll(Tenants tenants, Integration integration, Object... namesAndValues) {
        return tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, integration.body(namesAndValues));
    }

    /** A thread whose CreatedUtc is {@code created} (UpdatedUtc the same). */
    MessageThread seed(Integration integration, Instant created) {
        return tenants.seedThread(integration, integration.enterpriseId(), created, created);
    }

    /**
     * A thread whose {@code field} is {@code at}, and whose other timestamp is 40 days away, so only
     * a filter on {@code field} can find it around {@code at}.
     */
    MessageThread seed(Integration integration, String field, Instant at) {
        Duration away = Duration.ofDays(40);
        return field.equals("CreatedUtc")
                ? tenants.seedThread(integration, integration.enterpriseId(), at, at.plus(away))
                : tenants.seedThread(integration, integration.enterpriseId(), at.minus(away), at);
    }

    static Map<String, Object> count(int count) {
        return Map.of("Count", count);
    }

    static Map<String, Object> count(int count, String cursor) {
        Map<String, Object> limitation = new HashMap<>();
        limitation.put("Count", count);
        limitation.put("Cursor", cursor);
        return limitation;
    }

    static Map<String, Object> interval(Object start, Object end) {
        Map<String, Object> interval = new HashMap<>();
        interval.put("StartUtc", start == null ? null : start.toString());
        interval.put("EndUtc", end == null ? null : end.toString());
        return interval;
    }

    static String id(MessageThread thread) {
        return thread.id().toString();
    }

    static List<String> ids(MessageThread... threads) {
        return List.of(threads).stream().map(ThreadListingTest::id).toList();
    }

    static List<String> reversedIds(List<MessageThread> threads) {
        return threads.reversed().stream().map(ThreadListingTest::id).toList();
    }

    static List<String> randomIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    /** The Ids of the threads of a 200 answer, in its order. */
    static List<String> threadIds(ApiResponse response) {
        assertThat(response).isOk();
        List<String> ids = new ArrayList<>();
        response.json().path("MessageThreads").forEach(thread -> ids.add(thread.path("Id").asText()));
        return ids;
    }
}
