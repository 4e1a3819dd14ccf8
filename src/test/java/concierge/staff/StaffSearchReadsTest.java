package concierge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.Tenants;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Abuse (issue 12): one staff token's Search that matches nothing reads at most twice the search window
 * of threads per request, however large the hotel, so it cannot hold a pool connection for seconds.
 * Measured as the rows PostgreSQL reads from the thread table for the request (its statistics count
 * every index entry and table row read), not as time. PostgreSQL only: H2 counts no reads;
 * StaffSearchWindowTest shows the same window's pages on both engines.
 */
class StaffSearchReadsTest {

    private static final int WINDOW = 20;
    private static final int HOTEL = 1_000;
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    /** The Cursor's lookup by primary key, and what the planner looks at in the indexes' ends. */
    private static final int OTHER_READS = 10;
    /** Two walks of the window: one finds where it ends, the other reads the page down to there. */
    private static final int MOST_READS = 2 * WINDOW + OTHER_READS;

    /** A server of its own with one connection, so the request's reads are all one backend's statistics. */
    static App app;
    static Tenants tenants;
    static String staffToken;

    @BeforeAll
    static void seedAHotelFarLargerThanTheWindow() {
        app = TestServers.start(Engine.POSTGRESQL, TestConfig.both(TestConfig.UNLIMITED, Map.of(
                "CONCIERGE_DB_POOL_SIZE", "1", "CONCIERGE_SEARCH_WINDOW_ROWS", Integer.toString(WINDOW))));
        tenants = new Tenants(app);
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        for (int i = 0; i < HOTEL; i++) {
            Instant time = T0.plusSeconds(i * 60L);
            tenants.seedThread(integration, integration.enterpriseId(), time, time.plusSeconds((i * 7919L) % 86_400),
                    "Question about room " + i);
        }
        staffToken = tenants.staffToken(integration.enterpriseId());
        // Statistics as a live database has them, so the planner knows the hotel is large.
        app.database().jdbi().useHandle(handle -> handle.execute("ANALYZE message_thread"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aSearchMatchingNothingReadsAtMostTheWindowByEitherOrder() {
        for (String order : new String[] {"CreatedUtc", "UpdatedUtc"}) {
            Map<String, Object> filters = Map.of("Search", "xylophone", "Order", order);
            page(filters, null);

            long reads = readsOf(() -> page(filters, null));

            assertThat(reads).as("rows read from message_thread by " + order + "; the hotel has " + HOTEL)
                    .isPositive().isLessThanOrEqualTo(MOST_READS);
        }
    }

    @Test
    void aSearchPageAfterACursorDeepInTheHotelReadsAtMostTheWindow() {
        Map<String, Object> filters = Map.of("Search", "xylophone", "Order", "UpdatedUtc", "IsResolved", false);
        String cursor = null;
        for (int pageNumber = 0; pageNumber < HOTEL / WINDOW / 2; pageNumber++) {
            cursor = page(filters, cursor).path("Cursor").asText();
        }
        String deep = cursor;

        long reads = readsOf(() -> page(filters, deep));

        assertThat(reads).as("rows read from message_thread for page " + HOTEL / WINDOW / 2 + "; the hotel has " + HOTEL)
                .isPositive().isLessThanOrEqualTo(MOST_READS);
    }

    private static JsonNode page(Map<String, Object> filters, String cursor) {
        Map<String, Object> limitation = new HashMap<>(Map.of("Count", 20));
        if (cursor != null) {
            limitation.put("Cursor", cursor);
        }
        Map<String, Object> body = new HashMap<>(filters);
        body.put("Limitation", limitation);
        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, body);
        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).isEmpty();
        assertThat(response.json().path("Cursor").isTextual()).as(response.json().toString()).isTrue();
        return response.json();
    }

    /** Index entries plus table rows PostgreSQL read from the thread table while {@code request} ran. */
    private static long readsOf(Runnable request) {
        long before = threadReads();
        request.run();
        return threadReads() - before;
    }

    /**
     * The server's one connection flushes its pending statistics when it next goes idle
     * ({@code pg_stat_force_next_flush}); the sums are then read in a transaction of their own.
     */
    private static long threadReads() {
        return app.database().jdbi().withHandle(handle -> {
            handle.execute("SELECT pg_stat_force_next_flush()");
            return sum(handle, "SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes"
                    + " WHERE relid = 'message_thread'::regclass")
                    + sum(handle, "SELECT coalesce(seq_tup_read, 0) FROM pg_stat_user_tables"
                    + " WHERE relid = 'message_thread'::regclass");
        });
    }

    private static long sum(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }
}
