package concierge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.messaging.MessageThread;
import concierge.store.Database.Engine;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * A staff Search examines at most a window of threads per request (issue 12): a page may hold fewer
 * than Count matches, even none, while its Cursor goes on after the last thread examined. A server of
 * its own with a window of {@value #WINDOW} threads, so a hotel of a few dozen is larger than it.
 */
class StaffSearchWindowTest extends OnBothEngines {

    private static final int WINDOW = 5;
    private static final int HOTEL = 23;
    /** The threads (by seeding order) whose Subject contains "towel". */
    private static final Set<Integer> MATCHING = Set.of(0, 1, 2, 9, 10, 11, 12, 13, 14, 22);
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    /** Far more requests than any walk here needs: a walk that does not end fails instead of hanging. */
    private static final int MOST_PAGES = 100;

    static App app;

    @BeforeParameterizedClassInvocation
    static void startServerWithASmallSearchWindow(Engine engine) {
        app = App.start(TestConfig.on(TestDatabases.fresh(engine), TestConfig.both(TestConfig.UNLIMITED,
                Map.of("CONCIERGE_SEARCH_WINDOW_ROWS", Integer.toString(WINDOW)))));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void aSearchMatchingNothingAnswersAnEmptyPageWhoseCursorIsTheLastThreadExamined() {
        Hotel hotel = hotel();

        JsonNode page = page(hotel.staffToken, Map.of("Search", "xylophone", "Order", "UpdatedUtc"), 20, null);

        assertThat(ids(page)).isEmpty();
        assertThat(page.path("Cursor").asText()).isEqualTo(hotel.inOrder(MessageThread::updatedUtc).get(WINDOW - 1));
    }

    @Test
    void walkingASearchMatchingNothingGoesOneWindowAtATimeAndEndsWithoutCursor() {
        Hotel hotel = hotel();
        List<String> byCreation = hotel.inOrder(MessageThread::createdUtc);

        List<JsonNode> pages = walk(hotel.staffToken, Map.of("Search", "xylophone"), 20);

        assertThat(pages).allSatisfy(page -> assertThat(ids(page)).isEmpty());
        assertThat(pages).extracting(page -> page.path("Cursor").isNull() ? null : page.path("Cursor").asText())
                .containsExactly(byCreation.get(4), byCreation.get(9), byCreation.get(14), byCreation.get(19), null);
    }

    @Test
    void walkingTheCursorsFindsExactlyTheMatchesNewestCreatedFirst() {
        Hotel hotel = hotel();

        List<JsonNode> pages = walk(hotel.staffToken, Map.of("Search", "TOWEL", "Order", "CreatedUtc"), 2);

        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList())
                .containsExactlyElementsOf(hotel.matchesInOrder(MessageThread::createdUtc));
        assertThat(pages.getLast().path("Cursor").isNull()).isTrue();
    }

    @Test
    void walkingTheCursorsFindsExactlyTheMatchesNewestActivityFirst() {
        Hotel hotel = hotel();

        List<JsonNode> pages = walk(hotel.staffToken, Map.of("Search", "towel", "Order", "UpdatedUtc"), 2);

        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList())
                .containsExactlyElementsOf(hotel.matchesInOrder(MessageThread::updatedUtc));
        assertThat(pages.getLast().path("Cursor").isNull()).isTrue();
    }

    @Test
    void aPageThatFindsCountMatchesWithinTheWindowEndsAtItsLastMatch() {
        Hotel hotel = hotel();
        List<String> matches = hotel.matchesInOrder(MessageThread::createdUtc);

        JsonNode page = page(hotel.staffToken, Map.of("Search", "towel"), 1, null);

        assertThat(ids(page)).containsExactly(matches.getFirst());
        assertThat(page.path("Cursor").asText()).isEqualTo(matches.getFirst());
    }

    @Test
    void withoutSearchAPageHoldsCountThreadsWhateverTheWindow() {
        Hotel hotel = hotel();

        JsonNode page = page(hotel.staffToken, Map.of(), 12, null);

        assertThat(ids(page)).containsExactlyElementsOf(hotel.inOrder(MessageThread::createdUtc).subList(0, 12));
    }

    @Test
    void aSearchAmongThreadIdsReadsThemAllWhateverTheWindow() {
        Hotel hotel = hotel();

        JsonNode page = page(hotel.staffToken, Map.of("Search", "towel", "MessageThreadIds",
                hotel.inOrder(MessageThread::createdUtc)), 100, null);

        assertThat(ids(page)).containsExactlyElementsOf(hotel.matchesInOrder(MessageThread::createdUtc));
    }

    @Test
    void isResolvedFiltersTheWindowAndTheWalkStillFindsEveryMatch() {
        Hotel hotel = hotel();
        List<String> matches = hotel.matchesInOrder(MessageThread::createdUtc);
        List<String> resolved = List.of(matches.get(0), matches.get(3), matches.get(4));
        tenants.staff(hotel.staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", resolved, "IsResolved", true));

        List<JsonNode> pages = walk(hotel.staffToken, Map.of("Search", "towel", "IsResolved", false), 3);

        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList())
                .containsExactlyElementsOf(matches.stream().filter(id -> !resolved.contains(id)).toList());
    }

    @Test
    void aCreatedUtcIntervalBoundsTheWalkItselfSoOlderMatchesNeedNoEmptyPages() {
        Hotel hotel = hotel();
        // Created at T0 to T0 + 3 min: the hotel's oldest threads (0 to 3 by seeding order); 0, 1 and 2 match.
        Map<String, Object> oldestFour = Map.of("StartUtc", T0.toString(), "EndUtc", T0.plusSeconds(3 * 60).toString());

        JsonNode page = page(hotel.staffToken, Map.of("Search", "towel", "CreatedUtc", oldestFour), 20, null);

        assertThat(ids(page)).containsExactly(hotel.ids.get(2), hotel.ids.get(1), hotel.ids.get(0));
    }

    // --- abuse

    @Test
    void anotherHotelsThreadsNeitherShowNorCountTowardsTheWindow() {
        Tenants.Integration ours = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        List<String> ourThreads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ourThreads.addFirst(tenants.seedThread(ours, ours.enterpriseId(), T0.plusSeconds(i), T0.plusSeconds(i),
                    "Towels " + i).id().value().toString());
        }
        for (int i = 0; i < 4 * WINDOW; i++) {
            tenants.seedThread(theirs, theirs.enterpriseId(), T0.plusSeconds(10 + i), T0.plusSeconds(10 + i), "Towels");
        }

        List<JsonNode> pages = walk(tenants.staffToken(ours.enterpriseId()), Map.of("Search", "towel"), 20);

        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList()).containsExactlyElementsOf(ourThreads);
        assertThat(pages).hasSize(2);
    }

    // --- helpers

    /** {@value #HOTEL} threads, one a minute; their activity in another order; {@link #MATCHING} about towels. */
    private Hotel hotel() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = new ArrayList<>();
        for (int i = 0; i < HOTEL; i++) {
            Instant created = T0.plusSeconds(i * 60L);
            Instant updated = T0.plusSeconds(86_400 + (i * 7L % HOTEL) * 60);
            String subject = MATCHING.contains(i) ? "Fresh towels, room " + i : "Parking, room " + i;
            threads.add(tenants.seedThread(integration, integration.enterpriseId(), created, updated, subject));
        }
        return new Hotel(threads, tenants.staffToken(integration.enterpriseId()));
    }

    private record Hotel(List<MessageThread> threads, List<String> ids, String staffToken) {

        Hotel(List<MessageThread> threads, String staffToken) {
            this(threads, threads.stream().map(thread -> thread.id().value().toString()).toList(), staffToken);
        }

        /** Every thread's Id, newest first by {@code time} (the seeded times are all different). */
        List<String> inOrder(Function<MessageThread, Instant> time) {
            return threads.stream().sorted(Comparator.comparing(time).reversed())
                    .map(thread -> thread.id().value().toString()).toList();
        }

        List<String> matchesInOrder(Function<MessageThread, Instant> time) {
            return threads.stream().filter(thread -> thread.subject().contains("towels"))
                    .sorted(Comparator.comparing(time).reversed()).map(thread -> thread.id().value().toString()).toList();
        }
    }

    /** Every page from the first until one without Cursor. */
    private List<JsonNode> walk(String staffToken, Map<String, Object> filters, int count) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            assertThat(pages).as("pages of a walk that should have ended").hasSizeLessThan(MOST_PAGES);
            JsonNode page = page(staffToken, filters, count, cursor);
            pages.add(page);
            cursor = page.path("Cursor").isNull() ? null : page.path("Cursor").asText();
        } while (cursor != null);
        return pages;
    }

    private JsonNode page(String staffToken, Map<String, Object> filters, int count, String cursor) {
        Map<String, Object> limitation = new HashMap<>(Map.of("Count", count));
        if (cursor != null) {
            limitation.put("Cursor", cursor);
        }
        Map<String, Object> body = new HashMap<>(filters);
        body.put("Limitation", limitation);
        var response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, body);
        assertThat(response).isOk();
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("MessageThreads").forEach(thread -> ids.add(thread.path("Id").asText()));
        return ids;
    }
}
