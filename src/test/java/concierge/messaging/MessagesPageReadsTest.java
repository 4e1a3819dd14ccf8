package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of a messages/getAll page over many threads is bounded by the threads and the Count, not by
 * the messages they hold (issue 10, finding 9). Measured as the rows PostgreSQL reads from the message
 * table for the request (its statistics count every index entry and table row read), not as time:
 * sorting all messages of the threads reads every one of them. PostgreSQL only: H2 counts no reads.
 */
class MessagesPageReadsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final int THREADS = 20;
    private static final int MESSAGES_PER_THREAD = 300;
    private static final int COUNT = 10;
    /**
     * Planning the statement reads a few entries too: PostgreSQL looks at the ends of the seq index to cost
     * a merge join it does not choose (4 seen).
     */
    private static final int PLANNER_READS = 10;
    /** Each thread's walk reads at most COUNT index entries; then COUNT rows are read by their seq. */
    private static final int MOST_READS = THREADS * COUNT + COUNT + PLANNER_READS;

    /** A server of its own with one connection, so the request's reads are all one backend's statistics. */
    static App app;
    static Tenants tenants;
    static Tenants.Integration integration;
    static List<UUID> threadIds;
    static List<Message> inserted;

    @BeforeAll
    static void seedThreadsHoldingManyMessages() {
        app = TestServers.start(Engine.POSTGRESQL,
                TestConfig.both(TestConfig.UNLIMITED, Map.of("CONCIERGE_DB_POOL_SIZE", "1")));
        tenants = new Tenants(app);
        integration = tenants.singleEnterpriseIntegration();
        threadIds = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threadIds.add(tenants.seedThread(integration, integration.enterpriseId(), T0, T0).id().value());
        }
        SeededRandom random = SeededRandom.create("MessagesPageReadsTest");
        List<Tenants.Seed> seeds = new ArrayList<>();
        for (int i = 0; i < THREADS * MESSAGES_PER_THREAD; i++) {
            seeds.add(new Tenants.Seed(threadIds.get(i % THREADS), T0.plusSeconds(random.nextInt(86_400))));
        }
        inserted = tenants.seedMessages(integration, integration.enterpriseId(), seeds);
        // Statistics as a live database has them, so the planner sees how many messages a thread holds.
        app.database().jdbi().useHandle(handle -> handle.execute("ANALYZE message"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theFirstPageReadsAtMostCountEntriesPerThread() {
        page(null, null);

        long reads = readsOf(() -> page(null, null));

        assertThat(reads).as("rows read from message for one page; the threads hold " + inserted.size())
                .isPositive().isLessThanOrEqualTo(MOST_READS);
    }

    @Test
    void aPageDeepInTheWalkWithACreatedUtcFilterReadsAtMostCountEntriesPerThread() {
        Map<String, Object> createdUtc = Map.of("StartUtc", T0.toString(), "EndUtc", T0.plusSeconds(43_200).toString());
        String cursor = null;
        for (int pageNumber = 0; pageNumber < 100; pageNumber++) {
            cursor = page(cursor, createdUtc).path("Cursor").asText();
        }
        String deep = cursor;

        long reads = readsOf(() -> page(deep, createdUtc));

        assertThat(reads).as("rows read from message for page 101; the threads hold " + inserted.size())
                .isPositive().isLessThanOrEqualTo(MOST_READS);
    }

    private static JsonNode page(String cursor, Map<String, Object> createdUtc) {
        Map<String, Object> limitation = cursor == null ? Map.of("Count", COUNT) : Map.of("Count", COUNT, "Cursor", cursor);
        List<Object> body = new ArrayList<>(List.of("MessageThreadIds", threadIds.stream().map(UUID::toString).toList(),
                "Limitation", limitation));
        if (createdUtc != null) {
            body.addAll(List.of("CreatedUtc", createdUtc));
        }
        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, integration.body(body.toArray()));
        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).hasSize(COUNT);
        return response.json();
    }

    /** Index entries plus table rows PostgreSQL read from the message table while {@code request} ran. */
    private static long readsOf(Runnable request) {
        long before = messageReads();
        request.run();
        return messageReads() - before;
    }

    /**
     * The server's one connection flushes its pending statistics when it next goes idle
     * ({@code pg_stat_force_next_flush}); the sums are then read in a transaction of their own.
     */
    private static long messageReads() {
        return app.database().jdbi().withHandle(handle -> {
            handle.execute("SELECT pg_stat_force_next_flush()");
            return sum(handle, "SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes"
                    + " WHERE relid = 'message'::regclass")
                    + sum(handle, "SELECT coalesce(seq_tup_read, 0) FROM pg_stat_user_tables WHERE relid = 'message'::regclass");
        });
    }

    private static long sum(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
