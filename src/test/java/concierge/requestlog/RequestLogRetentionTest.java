package concierge.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.ClientId;
import concierge.store.Database;
import concierge.testing.OnBothEngines;
import concierge.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention on a database of its own: the shared server's log holds every other test's requests. */
class RequestLogRetentionTest extends OnBothEngines {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Database database;
    private JdbiRequestLogStore store;

    @BeforeEach
    void openADatabaseOfItsOwn() {
        TestDatabases.Location location = TestDatabases.fresh(engine);
        database = Database.open(location.url(), location.user(), location.password(), 2);
        store = new JdbiRequestLogStore(database.jdbi());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void requestsOlderThanTheMaximumAgeAreDeleted() {
        List<LoggedRequest> old = logged(3, NOW.minus(Duration.ofDays(8)));
        List<LoggedRequest> recent = logged(2, NOW.minus(Duration.ofDays(6)));
        store.add(old);
        store.add(recent);

        new RequestLogWriter(store, new RequestLogWriter.Retention(Duration.ofDays(7), 1_000), CLOCK).writeRound();

        assertThat(requestIdsLeft()).containsExactlyInAnyOrderElementsOf(ids(recent));
    }

    @Test
    void onlyTheNewestMaximumCountOfRequestsIsKept() {
        List<LoggedRequest> requests = logged(10, NOW.minusSeconds(60));
        store.add(requests);

        new RequestLogWriter(store, new RequestLogWriter.Retention(Duration.ofDays(7), 4), CLOCK).writeRound();

        assertThat(requestIdsLeft()).containsExactlyInAnyOrderElementsOf(ids(requests.subList(6, 10)));
    }

    /** A flood with made-up tokens: anonymous requests keep a tenth of the log, the integrators' are not pushed out. */
    @Test
    void requestsOfNoKnownClientKeepOnlyATenthOfTheLog() {
        List<LoggedRequest> integrators = logged(5, NOW.minusSeconds(120));
        List<LoggedRequest> flood = anonymous(50, NOW.minusSeconds(60));
        store.add(integrators);
        store.add(flood);

        new RequestLogWriter(store, new RequestLogWriter.Retention(Duration.ofDays(7), 30), CLOCK).writeRound();

        assertThat(requestIdsLeft()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(ids(integrators).stream(), ids(flood.subList(47, 50)).stream()).toList());
    }

    @Test
    void aBacklogLargerThanOneChunkIsDeletedInSeveralRounds() {
        store.add(logged(RequestLogWriter.DELETE_CHUNK + 5, NOW.minus(Duration.ofDays(30))));
        RequestLogWriter log = new RequestLogWriter(store, new RequestLogWriter.Retention(Duration.ofDays(7), 1_000_000), CLOCK);

        assertThat(log.writeRound()).as("a full chunk: more to delete").isTrue();
        assertThat(log.writeRound()).as("the rest").isFalse();

        assertThat(requestIdsLeft()).isEmpty();
    }

    private List<UUID> requestIdsLeft() {
        return store.find(RequestLogFilter.none(), 1000, Optional.empty()).orElseThrow().requests().stream()
                .map(LoggedRequest::requestId).toList();
    }

    private static List<UUID> ids(List<LoggedRequest> requests) {
        return requests.stream().map(LoggedRequest::requestId).toList();
    }

    /** Requests of a known client. */
    private static List<LoggedRequest> logged(int count, Instant at) {
        return IntStream.range(0, count).mapToObj(i -> new LoggedRequest(UUID.randomUUID(), at,
                "messageThreads/getAll", 200, 1000, Optional.of(new ClientId(UUID.randomUUID())), Optional.empty(),
                Optional.empty(), "{}", "{}")).toList();
    }

    /** Requests that named no known client (401s). */
    private static List<LoggedRequest> anonymous(int count, Instant at) {
        return IntStream.range(0, count).mapToObj(i -> new LoggedRequest(UUID.randomUUID(), at,
                "messageThreads/getAll", 401, 1000, Optional.empty(), Optional.empty(), Optional.of("Unauthorized"),
                "{}", "{}")).toList();
    }
}
