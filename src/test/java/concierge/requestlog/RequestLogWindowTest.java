package concierge.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.ids.ClientId;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnBothEngines;
import concierge.testing.TestServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * requests/getAll filtered by Operations or StatusClasses alone examines at most a window of the log
 * per request (JdbiRequestLogStore.FILTER_WINDOW; 5 here): a page may be short, even empty, with a
 * Cursor to go on. A server of its own, so its log holds only this class's rows; each test's matches
 * have an operation of their own.
 */
class RequestLogWindowTest extends OnBothEngines {

    private static final int WINDOW = 5;
    private static final Instant AT = Instant.parse("2026-11-30T10:00:00.250Z");

    static App app;

    private JdbiRequestLogStore store;
    private String operation;

    @BeforeParameterizedClassInvocation
    static void startWithASmallWindow(Engine engine) {
        app = TestServers.start(engine, Map.of("CONCIERGE_REQUEST_LOG_WINDOW_ROWS", Integer.toString(WINDOW)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @BeforeEach
    void ownOperation() {
        store = new JdbiRequestLogStore(app.database().jdbi());
        operation = "rare/" + UUID.randomUUID();
    }

    @Test
    void aFilterMatchingNothingAnswersAnEmptyPageWhoseCursorIsTheWindowsLastRequest() {
        List<LoggedRequest> logged = log(12, index -> "messageThreads/getAll", Optional.empty());

        JsonNode page = page(Map.of("Operations", List.of(operation)), 10, null);

        assertThat(page.path("Requests")).isEmpty();
        assertThat(page.path("Cursor").asText()).isEqualTo(logged.get(logged.size() - WINDOW).requestId().toString());
    }

    @Test
    void walkingTheCursorsFindsEveryMatchOnceNewestFirst() {
        List<LoggedRequest> logged = log(23, index -> index % 4 == 0 ? operation : "messages/add", Optional.empty());
        List<String> matches = logged.reversed().stream().filter(request -> request.operation().equals(operation))
                .map(request -> request.requestId().toString()).toList();

        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = page(Map.of("Operations", List.of(operation)), 2, cursor);
            page.path("Requests").forEach(request -> found.add(request.path("RequestId").asText()));
            cursor = page.path("Cursor").isNull() ? null : page.path("Cursor").asText();
            pages++;
            assertThat(pages).as("pages walked").isLessThan(100);
        } while (cursor != null);

        assertThat(found).containsExactlyElementsOf(matches);
    }

    @Test
    void statusClassesAloneAreWindowedToo() {
        List<LoggedRequest> logged = log(12, index -> "messages/add", Optional.empty());

        JsonNode page = page(Map.of("StatusClasses", List.of("5xx")), 10, null);

        assertThat(page.path("Requests")).isEmpty();
        assertThat(page.path("Cursor").asText()).isEqualTo(logged.get(logged.size() - WINDOW).requestId().toString());
    }

    @Test
    void withClientIdsTheIndexNarrowsAndThereIsNoWindow() {
        ClientId client = new ClientId(UUID.randomUUID());
        List<LoggedRequest> logged = log(12, index -> index == 0 ? operation : "messages/add", Optional.of(client));

        JsonNode page = page(Map.of("ClientIds", List.of(client.toString()), "Operations", List.of(operation)), 10, null);

        assertThat(page.path("Requests")).hasSize(1);
        assertThat(page.path("Requests").get(0).path("RequestId").asText())
                .isEqualTo(logged.getFirst().requestId().toString());
    }

    @Test
    void anEmptyPageWithACursorIsAnsweredWithItsBodyEvenToPreferMinimal() {
        log(12, index -> "messages/add", Optional.empty());

        ApiResponse response = tenants.api().post(Admin.REQUESTS_GET_ALL, Map.of("Operations", List.of(operation),
                "Limitation", Map.of("Count", 10)), "Authorization", "Bearer " + TestServers.ADMIN_TOKEN,
                "Prefer", "return=minimal");

        assertThat(response).isOk();
        assertThat(response.json().path("Cursor").isNull()).isFalse();
    }

    /** {@code count} requests, oldest first, each stored alone so their order in the log is theirs. */
    private List<LoggedRequest> log(int count, java.util.function.IntFunction<String> operationOf,
                                    Optional<ClientId> client) {
        List<LoggedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LoggedRequest request = new LoggedRequest(UUID.randomUUID(), AT, operationOf.apply(i), 200, 1000, client,
                    Optional.empty(), Optional.empty(), "{}", "{}");
            store.add(List.of(request));
            requests.add(request);
        }
        return requests;
    }

    private JsonNode page(Map<String, Object> filters, int count, String cursor) {
        Map<String, Object> body = new HashMap<>(filters);
        Map<String, Object> limitation = new HashMap<>(Map.of("Count", count));
        if (cursor != null) {
            limitation.put("Cursor", cursor);
        }
        body.put("Limitation", limitation);
        ApiResponse response = tenants.api().admin(Admin.REQUESTS_GET_ALL, body);
        assertThat(response).isOk();
        return response.json();
    }
}
