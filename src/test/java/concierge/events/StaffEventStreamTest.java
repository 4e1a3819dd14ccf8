package concierge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.EventStreamReader;
import concierge.testing.EventStreamReader.Event;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/staff/v1/events (contract part 2): the hotel's new messages and thread changes, read over
 * real HTTP as the inbox reads them, each event exactly the object the staff operations show.
 */
class StaffEventStreamTest extends OnBothEngines {

    /** Many times what a local event takes (milliseconds): a deadline, not a measurement. */
    static final Duration SOON = Duration.ofSeconds(10);

    private EventStreamReader open(String staffToken, String... headers) {
        EventStreamReader reader = EventStreamReader.open(server().port(), staffToken, headers);
        assertThat(reader.status()).isEqualTo(200);
        return reader;
    }

    /**
     * Adds a thread and reads its event from {@code stream}: from then on, the feed has fanned it out,
     * and a stream opened later does not get it. (A stream may start with events committed just
     * before it opened, which the feed had not read yet: tests that open one first make sure of that.)
     */
    private String threadSeenOn(EventStreamReader stream, Integration app) {
        String threadId = tenants.addThread(app).path("Id").asText();
        assertThat(stream.next(SOON).json().path("Id").asText()).isEqualTo(threadId);
        return threadId;
    }

    private JsonNode staffThread(String staffToken, String threadId) {
        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        return response.json().path("MessageThreads").get(0);
    }

    private JsonNode staffMessage(String staffToken, String threadId) {
        ApiResponse response = tenants.staff(staffToken, Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        return response.json().path("Messages").get(0);
    }

    @Test
    void theStreamIsServerSentEventsThatAreNotCached() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader stream = open(tenants.staffToken(app.enterpriseId()))) {
            String threadId = tenants.addThread(app).path("Id").asText();
            stream.next(SOON);

            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-store");
            assertThat(stream.header("Request-Id")).isNotBlank();
            assertThat(stream.preamble()).containsExactly("retry: 2000");
            assertThat(threadId).isNotBlank();
        }
    }

    @Test
    void aThreadTheAppOpensArrivesAsTheStaffThreadView() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        try (EventStreamReader stream = open(staffToken)) {
            String threadId = tenants.addThread(app).path("Id").asText();

            Event event = stream.next(SOON);

            assertThat(event.type()).isEqualTo("thread");
            assertThat(event.json()).isEqualTo(staffThread(staffToken, threadId));
        }
    }

    @Test
    void aMessageArrivesAsTheMessagesGetAllItemThenItsThreadMoved() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        try (EventStreamReader stream = open(staffToken)) {
            String threadId = threadSeenOn(stream, app);
            tenants.addMessages(app, threadId, "Is breakfast included?");

            Event message = stream.next(SOON);
            Event thread = stream.next(SOON);

            assertThat(message.type()).isEqualTo("message");
            assertThat(message.json().path("MessageThreadId").asText()).isEqualTo(threadId);
            assertThat(message.json().path("Message")).isEqualTo(staffMessage(staffToken, threadId));
            assertThat(thread.type()).isEqualTo("thread");
            assertThat(thread.json()).isEqualTo(staffThread(staffToken, threadId));
            assertThat(message.numericId()).isLessThan(thread.numericId());
        }
    }

    @Test
    void aStaffReplyArrivesWithTheEnterpriseAsSender() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        try (EventStreamReader stream = open(staffToken)) {
            String threadId = threadSeenOn(stream, app);
            assertThat(tenants.staff(staffToken, Staff.MESSAGES_ADD, Map.of("Messages",
                    List.of(Map.of("MessageThreadId", threadId, "Text", "Yes, from 7 to 10."))))).isOk();

            Event message = stream.next(SOON);

            assertThat(message.json().path("Message").path("Sender").path("Discriminator").asText())
                    .isEqualTo("Enterprise");
            assertThat(message.json().path("Message").path("Text").asText()).isEqualTo("Yes, from 7 to 10.");
        }
    }

    @Test
    void resolvingAndReopeningArriveAsThreadEvents() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        try (EventStreamReader stream = open(staffToken)) {
            String threadId = threadSeenOn(stream, app);
            assertThat(tenants.staff(staffToken, Staff.MESSAGE_THREADS_RESOLVE,
                    Map.of("MessageThreadIds", List.of(threadId), "IsResolved", true))).isOk();
            Event resolved = stream.next(SOON);
            tenants.addMessages(app, threadId, "One more question");
            stream.next(SOON);
            Event reopened = stream.next(SOON);

            assertThat(resolved.type()).isEqualTo("thread");
            assertThat(resolved.json().path("IsResolved").asBoolean()).isTrue();
            assertThat(reopened.type()).isEqualTo("thread");
            assertThat(reopened.json().path("IsResolved").asBoolean()).isFalse();
            assertThat(reopened.json()).isEqualTo(staffThread(staffToken, threadId));
        }
    }

    @Test
    void eventIdsIncrease() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader stream = open(tenants.staffToken(app.enterpriseId()))) {
            String threadId = threadSeenOn(stream, app);
            tenants.addMessages(app, threadId, "one", "two", "three");

            List<Long> ids = List.of(stream.next(SOON).numericId(), stream.next(SOON).numericId(),
                    stream.next(SOON).numericId(), stream.next(SOON).numericId());

            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void withoutLastEventIdTheStreamStartsFromNow() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        try (EventStreamReader earlier = open(staffToken)) {
            String before = threadSeenOn(earlier, app);
            try (EventStreamReader stream = open(staffToken)) {
                String after = tenants.addThread(app).path("Id").asText();

                Event first = stream.next(SOON);

                assertThat(first.json().path("Id").asText()).isEqualTo(after).isNotEqualTo(before);
            }
        }
    }

    @Test
    void anotherHotelsEventsNeverArrive() {
        Integration ours = tenants.singleEnterpriseIntegration();
        Integration theirs = tenants.singleEnterpriseIntegration();
        try (EventStreamReader stream = open(tenants.staffToken(ours.enterpriseId()))) {
            String theirThread = tenants.addThread(theirs).path("Id").asText();
            tenants.addMessages(theirs, theirThread, "not yours");
            String ourThread = tenants.addThread(ours).path("Id").asText();

            Event first = stream.next(SOON);

            // Theirs were committed first: had they been sent, they would have come first.
            assertThat(first.json().path("Id").asText()).isEqualTo(ourThread);
        }
    }

    // --- resuming (Last-Event-ID)

    @Test
    void withLastEventIdEveryLaterEventComesFirstThenLive() {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        String lastSeen;
        String threadId;
        try (EventStreamReader first = open(staffToken)) {
            threadId = threadSeenOn(first, app);
            lastSeen = Long.toString(first.numericIdOfLast());
        }
        List<JsonNode> missed = tenants.addMessages(app, threadId, "while you were away");

        try (EventStreamReader resumed = open(staffToken, "Last-Event-ID", lastSeen)) {
            Event message = resumed.next(SOON);
            Event thread = resumed.next(SOON);
            String later = tenants.addThread(app).path("Id").asText();
            Event live = resumed.next(SOON);

            assertThat(message.json().path("Message").path("Id").asText()).isEqualTo(missed.get(0).path("Id").asText());
            assertThat(thread.type()).isEqualTo("thread");
            assertThat(live.json().path("Id").asText()).isEqualTo(later);
        }
    }

    @Test
    void anUnknownLastEventIdStartsWithResetThenLive() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader stream = open(tenants.staffToken(app.enterpriseId()), "Last-Event-ID", "1")) {
            Event reset = stream.next(SOON);
            String threadId = tenants.addThread(app).path("Id").asText();
            Event live = stream.next(SOON);

            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.data()).isEqualTo("{}");
            assertThat(reset.id()).isNull();
            assertThat(live.json().path("Id").asText()).isEqualTo(threadId);
        }
    }

    @Test
    void anotherHotelsEventIdIsAResetNotItsEvents() {
        Integration theirs = tenants.singleEnterpriseIntegration();
        long theirEvent;
        try (EventStreamReader their = open(tenants.staffToken(theirs.enterpriseId()))) {
            threadSeenOn(their, theirs);
            theirEvent = their.numericIdOfLast();
        }
        Integration ours = tenants.singleEnterpriseIntegration();

        try (EventStreamReader stream = open(tenants.staffToken(ours.enterpriseId()),
                "Last-Event-ID", Long.toString(theirEvent))) {
            assertThat(stream.next(SOON).type()).isEqualTo("reset");
        }
    }

    @Test
    void aLastEventIdThatIsNotADecimalIdIsABadRequestNamingIt() {
        String staffToken = tenants.staffToken(tenants.enterprise());
        for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999", "0x10")) {
            try (EventStreamReader stream = EventStreamReader.open(server().port(), staffToken, "Last-Event-ID", bad)) {
                assertThat(stream.answer()).as(bad).isBadRequestNaming("Last-Event-ID");
            }
        }
    }

    // --- before the stream starts: the API's errors

    @Test
    void withoutATokenTheStreamIsUnauthorized() {
        try (EventStreamReader stream = EventStreamReader.openWith(server().port())) {
            assertThat(stream.answer()).isUnauthorized();
        }
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        try (EventStreamReader stream = EventStreamReader.open(server().port(), "not-a-staff-token")) {
            assertThat(stream.answer()).isUnauthorized();
        }
    }

    @Test
    void anAccessTokenIsNotAStaffToken() {
        Integration app = tenants.singleEnterpriseIntegration();
        try (EventStreamReader stream = EventStreamReader.open(server().port(), app.accessToken())) {
            assertThat(stream.answer()).isUnauthorized();
        }
    }

    @Test
    void postToTheStreamIsNotFoundAsAnyUnknownOperation() {
        ApiResponse response = tenants.staff(tenants.staffToken(tenants.enterprise()), Staff.EVENTS, Map.of());

        assertThat(response).isError(404);
    }
}
