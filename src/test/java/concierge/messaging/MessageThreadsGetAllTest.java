package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** messageThreads/getAll: spec README D1–D8 and D17, connector-api-notes §3.1, §4 and §6. */
@ParameterizedClass
@EnumSource(Engine.class)
class MessageThreadsGetAllTest {

    private static final String GET_ALL = "/api/connector/v1/messageThreads/getAll";
    private static final Instant T = Instant.parse("2022-03-07T16:09:45Z");
    private static final Map<String, Object> AROUND_T = interval("2022-03-01T00:00:00Z", "2022-04-01T00:00:00Z");

    @Parameter
    Engine engine;

    Tenants tenants;

    @BeforeEach
    void connect() {
        tenants = new Tenants(TestServers.running(engine));
    }

    // ----- the example the harness started with

    @Test
    void returnsTheCallersThreadFoundByItsId() {
        Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(added.path("Id").asText()),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
        assertThat(response.json().path("Cursor").asText()).isEqualTo(added.path("Id").asText());
    }

    // ----- D8: a thread or time filter is required; filters combine with AND

    @Test
    void enterpriseIdsAloneIsNotAFilter() {
        Integration integration = tenants.singleEnterpriseIntegration();
        tenants.seedThread(integration, integration.enterpriseId(), T, T);

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString()),
                "Limitation", count(10));

        assertBadRequest(response, "MessageThreadIds");
    }

    @Test
    void nullFiltersCountAsAbsent() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = integration.body("Limitation", count(10));
        body.put("MessageThreadIds", null);
        body.put("CreatedUtc", null);
        body.put("UpdatedUtc", null);

        assertBadRequest(tenants.api().post(GET_ALL, body), "MessageThreadIds");
    }

    @Test
    void threadIdsAndCreatedUtcCombineWithAnd() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread inside = seed(integration, T);
        MessageThread outside = seed(integration, T.plus(Duration.ofDays(60)));
        MessageThread notAsked = seed(integration, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(inside, outside),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(inside));
        assertThat(threadIds(response)).doesNotContain(id(notAsked));
    }

    @Test
    void createdUtcAndUpdatedUtcCombineWithAnd() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread both = tenants.seedThread(integration, integration.enterpriseId(), T, T.plusSeconds(60));
        tenants.seedThread(integration, integration.enterpriseId(), T, T.plus(Duration.ofDays(60)));
        tenants.seedThread(integration, integration.enterpriseId(), T.minus(Duration.ofDays(60)), T.plusSeconds(60));

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "UpdatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(both));
    }

    // ----- D8, D13: MessageThreadIds

    @Test
    void unknownThreadIdsAreSilentlyLeftOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(UUID.randomUUID().toString(), id(mine), UUID.randomUUID().toString()),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void anotherClientsThreadIdsAreSilentlyLeftOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        MessageThread mine = seed(integration, T);
        MessageThread theirs = seed(stranger, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(mine, theirs),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void onlyForeignThreadIdsGiveAnEmptyPage() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.singleEnterpriseIntegration();
        MessageThread theirs = seed(stranger, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(theirs),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("MessageThreads").isArray()).isTrue();
        assertThat(response.json().path("MessageThreads")).isEmpty();
    }

    @Test
    void aRepeatedThreadIdReturnsTheThreadOnce() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(mine, mine),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void emptyMessageThreadIdsIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "MessageThreadIds");
    }

    @Test
    void moreThan1000MessageThreadIdsIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "MessageThreadIds", randomIds(1001),
                "Limitation", count(10));

        assertBadRequest(response, "MessageThreadIds");
    }

    @Test
    void exactly1000MessageThreadIdsIsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);
        List<String> ids = new ArrayList<>(randomIds(999));
        ids.add(id(mine));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids,
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "", "3fa85f6457174562b3fc2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa",
            "{3fa85f64-5717-4562-b3fc-2c963f66afa6}", "3fa85f64-5717-4562-b3fc-2c963f66afg6", "1-1-1-1-1"})
    void malformedThreadIdIsRejectedNamingItsIndex(String malformed) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(UUID.randomUUID().toString(), malformed),
                "Limitation", count(10));

        assertBadRequest(response, "MessageThreadIds[1]");
    }

    @Test
    void nonStringThreadIdIsRejectedNamingItsIndex() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(42),
                "Limitation", count(10));

        assertBadRequest(response, "MessageThreadIds[0]");
    }

    @Test
    void upperCaseThreadIdIsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(id(mine).toUpperCase()),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void idsAndCursorAreEmittedLowerCase() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(id(mine).toUpperCase()),
                "Limitation", count(10));

        String lowerCaseUuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        assertThat(response.json().path("MessageThreads").get(0).path("Id").asText())
                .matches(lowerCaseUuid).isEqualTo(id(mine));
        assertThat(response.json().path("Cursor").asText()).matches(lowerCaseUuid).isEqualTo(id(mine));
    }

    // ----- D1, D3: CreatedUtc and UpdatedUtc

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void startUtcIsInclusive(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread atStart = seed(integration, field, T);
        seed(integration, field, T.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, T.plusSeconds(3600)),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(atStart));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void endUtcIsExclusive(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Instant end = T.plusSeconds(3600);
        seed(integration, field, end);
        MessageThread justBeforeEnd = seed(integration, field, end.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, end),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(justBeforeEnd));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void equalityModeMatchesOnlyThatExactInstant(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, field, T.minusSeconds(1));
        MessageThread exact = seed(integration, field, T);
        seed(integration, field, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, T),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(exact));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void startAfterEndIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                field, interval(T.plusSeconds(1), T),
                "Limitation", count(10));

        assertBadRequest(response, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void exactlyThreeCalendarMonthsIsAccepted(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Instant start = Instant.parse("2022-01-15T00:00:00Z");
        Instant end = Instant.parse("2022-04-15T00:00:00Z");
        MessageThread first = seed(integration, field, start);
        MessageThread last = seed(integration, field, end.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(start, end),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(last), id(first));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void threeCalendarMonthsAndOneSecondIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                field, interval("2022-01-15T00:00:00Z", "2022-04-15T00:00:01Z"),
                "Limitation", count(10));

        assertBadRequest(response, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void monthsAreCalendarMonthsNotFixedDays(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();

        // 2022-05-01 to 2022-08-01 is 92 days and exactly three calendar months
        ApiResponse longSummer = getAll(integration,
                field, interval("2022-05-01T00:00:00Z", "2022-08-01T00:00:00Z"),
                "Limitation", count(10));
        // 2022-12-01 to 2023-03-01 is 90 days and exactly three calendar months; one more day is over
        ApiResponse winterPlusADay = getAll(integration,
                field, interval("2022-12-01T00:00:00Z", "2023-03-02T00:00:00Z"),
                "Limitation", count(10));

        assertThat(longSummer.status()).as(longSummer.toString()).isEqualTo(200);
        assertBadRequest(winterPlusADay, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void missingEndUtcIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> onlyStart = new HashMap<>();
        onlyStart.put("StartUtc", T.toString());

        ApiResponse absent = getAll(integration, field, onlyStart, "Limitation", count(10));
        onlyStart.put("EndUtc", null);
        ApiResponse nullValue = getAll(integration, field, onlyStart, "Limitation", count(10));

        assertBadRequest(absent, field + ".EndUtc");
        assertBadRequest(nullValue, field + ".EndUtc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void missingStartUtcIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> onlyEnd = new HashMap<>();
        onlyEnd.put("EndUtc", T.toString());

        ApiResponse absent = getAll(integration, field, onlyEnd, "Limitation", count(10));
        onlyEnd.put("StartUtc", null);
        ApiResponse nullValue = getAll(integration, field, onlyEnd, "Limitation", count(10));
        ApiResponse emptyObject = getAll(integration, field, Map.of(), "Limitation", count(10));

        assertBadRequest(absent, field + ".StartUtc");
        assertBadRequest(nullValue, field + ".StartUtc");
        assertBadRequest(emptyObject, field + ".StartUtc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-03-07T17:09:45+01:00", "2022-03-07T11:39:45-04:30", "2022-03-07T16:09:45+00:00",
            "2022-03-08T01:09:45+09:00", "2022-03-07T17:09:45+01", "2022-03-07T11:09:45-05", "2022-03-07t16:09:45z"})
    void offsetsAndLetterCaseAreNormalisedToUtc(String sameInstant) {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread exact = seed(integration, T);
        seed(integration, T.plus(Duration.ofHours(1)));
        seed(integration, T.minus(Duration.ofHours(1)));

        ApiResponse response = getAll(integration,
                "CreatedUtc", interval(sameInstant, sameInstant),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(exact));
    }

    @Test
    void dateTimesWithoutSecondsMeanTheWholeMinute() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread atT = seed(integration, T);
        seed(integration, T.plusSeconds(60));

        // T is 16:09:45: inside [16:09, 16:10); 16:10:45 is not
        ApiResponse response = getAll(integration,
                "CreatedUtc", interval("2022-03-07T16:09Z", "2022-03-07T16:10Z"),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(atT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-03-07T16:09:45.0Z", "2022-03-07T16:09:45.000Z", "2022-03-07T16:09:45.000000Z",
            "2022-03-07T16:09:45.0000000Z", "2022-03-07T16:09:45.000000000Z", "2022-03-07T17:09:45.000+01:00"})
    void fractionalSecondsAreAccepted(String sameInstant) {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread exact = seed(integration, T);
        seed(integration, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "CreatedUtc", interval(sameInstant, sameInstant),
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(exact));
    }

    @Test
    void fractionalBoundsCompareAsExactInstants() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread atT = seed(integration, T);
        seed(integration, T.plusSeconds(1));

        // T lies in [T - 0.5 s, T + 0.5 s); T + 1 s does not
        ApiResponse response = getAll(integration,
                "CreatedUtc", interval("2022-03-07T16:09:44.5Z", "2022-03-07T16:09:45.5Z"),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(atT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", " ", "2022-03-07", "2022-03-07T16:09:45", "2022-03-07 16:09:45Z",
            "2022-13-07T16:09:45Z", "2022-02-30T16:09:45Z", "2022-03-07T25:09:45Z",
            "2022-03-07T16:09:45.0000000000Z", "+10000-01-01T00:00:00Z", "1646669385",
            "2022-03-07T16:09:45.Z", "2022-03-07T16:09:45+01:00:30", "2022-03-07T16:09:45+0100"})
    void nonDateStringsAreRejectedNamingTheBound(String notADate) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse start = getAll(integration,
                "CreatedUtc", interval(notADate, "2022-03-08T00:00:00Z"),
                "Limitation", count(10));
        ApiResponse end = getAll(integration,
                "UpdatedUtc", interval("2022-03-01T00:00:00Z", notADate),
                "Limitation", count(10));

        assertBadRequest(start, "CreatedUtc.StartUtc");
        assertBadRequest(end, "UpdatedUtc.EndUtc");
    }

    @Test
    void nonStringDateTimeIsRejectedNamingTheBound() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> numeric = new HashMap<>();
        numeric.put("StartUtc", 1646669385);
        numeric.put("EndUtc", "2022-03-08T00:00:00Z");

        assertBadRequest(getAll(integration, "CreatedUtc", numeric, "Limitation", count(10)), "CreatedUtc.StartUtc");
    }

    @Test
    void intervalThatIsNotAnObjectIsRejectedNamingIt() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "CreatedUtc", "2022-03-07T16:09:45Z",
                "Limitation", count(10));

        assertBadRequest(response, "CreatedUtc");
    }

    @Test
    void datesAtTheEdgesOfTheCalendarAreAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse earliest = getAll(integration,
                "CreatedUtc", interval("0001-01-01T00:00:00Z", "0001-03-01T00:00:00Z"),
                "Limitation", count(10));
        ApiResponse latest = getAll(integration,
                "CreatedUtc", interval("9999-10-01T00:00:00Z", "9999-12-31T23:59:59Z"),
                "Limitation", count(10));

        assertThat(earliest.status()).as(earliest.toString()).isEqualTo(200);
        assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
    }

    // ----- D5: Limitation

    @Test
    void limitationIsRequired() {
        Integration integration = tenants.singleEnterpriseIntegration();

        assertBadRequest(getAll(integration, "CreatedUtc", AROUND_T), "Limitation");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE})
    void countOutOfRangeIsRejected(int outOfRange) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(outOfRange));

        assertBadRequest(response, "Limitation.Count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "\"10\"", "true", "null", "[10]", "{}", "10000000000"})
    void nonIntegerCountIsRejected(String countJson) {
        Integration integration = tenants.singleEnterpriseIntegration();
        String body = RawJson.bodyWith(integration,
                "\"CreatedUtc\":" + RawJson.of(AROUND_T) + ",\"Limitation\":{\"Count\":" + countJson + "}");

        assertBadRequest(tenants.api().post(GET_ALL, body), "Limitation.Count");
    }

    @Test
    void missingCountIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", Map.of("Cursor", UUID.randomUUID().toString()));

        assertBadRequest(response, "Limitation.Count");
    }

    @Test
    void countOf1000IsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(1000));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void countOf1IsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);
        MessageThread newest = seed(integration, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(1));

        assertThat(threadIds(response)).containsExactly(id(newest));
    }

    @Test
    void countLimitsThePageToTheNewestThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(2));

        assertThat(threadIds(response)).containsExactly(id(threads.get(4)), id(threads.get(3)));
    }

    // ----- D4: order and cursor

    @Test
    void newestFirstByCreatedUtcNotByUpdatedUtcOrInsertion() {
        Integration integration = tenants.singleEnterpriseIntegration();
        UUID enterprise = integration.enterpriseId();
        // inserted out of time order; the most recently updated is the oldest created
        MessageThread middle = tenants.seedThread(integration, enterprise, T.plusSeconds(60), T.plusSeconds(500));
        MessageThread oldest = tenants.seedThread(integration, enterprise, T, T.plusSeconds(900));
        MessageThread newest = tenants.seedThread(integration, enterprise, T.plusSeconds(120), T.plusSeconds(120));

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(newest), id(middle), id(oldest));
    }

    @Test
    void tiesAreBrokenByInsertionOrderLatestFirst() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> sameSecond = tenants.seedThreads(integration, 12, T, 0);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(100));

        assertThat(threadIds(response)).containsExactlyElementsOf(reversedIds(sameSecond));
    }

    @Test
    void pagingOneByOneThroughTiesKeepsInsertionOrder() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> sameSecond = tenants.seedThreads(integration, 6, T, 0);
        MessageThread older = seed(integration, T.minusSeconds(1));
        MessageThread newer = seed(integration, T.plusSeconds(1));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int call = 0; call < 20; call++) {
            ApiResponse page = getAll(integration, "CreatedUtc", AROUND_T, "Limitation", count(1, cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.json().path("MessageThreads").isEmpty()) {
                break;
            }
            seen.addAll(threadIds(page));
            cursor = page.json().path("Cursor").asText();
        }

        List<String> expected = new ArrayList<>();
        expected.add(id(newer));
        expected.addAll(reversedIds(sameSecond));
        expected.add(id(older));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void cursorIsTheIdOfTheLastThreadReturned() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(3));

        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(threads.get(2)));
    }

    @Test
    void cursorFetchesTheNextOlderThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(2, id(threads.get(3))));

        assertThat(threadIds(response)).containsExactly(id(threads.get(2)), id(threads.get(1)));
        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(threads.get(1)));
    }

    @Test
    void upperCaseCursorIsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 3, T, 60);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, id(threads.get(2)).toUpperCase()));

        assertThat(threadIds(response)).containsExactly(id(threads.get(1)), id(threads.get(0)));
    }

    @Test
    void emptyPageHasAnExplicitNullCursor() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("MessageThreads").isArray()).isTrue();
        assertThat(response.json().path("MessageThreads")).isEmpty();
        assertThat(response.json().has("Cursor")).as(response.toString()).isTrue();
        assertThat(response.json().get("Cursor").isNull()).as(response.toString()).isTrue();
    }

    @Test
    void fullLastPageStillCarriesACursorAndTheNextCallIsEmpty() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 4, T, 60);

        ApiResponse first = getAll(integration, "CreatedUtc", AROUND_T, "Limitation", count(2));
        ApiResponse second = getAll(integration, "CreatedUtc", AROUND_T,
                "Limitation", count(2, first.json().path("Cursor").asText()));
        ApiResponse third = getAll(integration, "CreatedUtc", AROUND_T,
                "Limitation", count(2, second.json().path("Cursor").asText()));

        assertThat(threadIds(second)).containsExactly(id(threads.get(1)), id(threads.get(0)));
        assertThat(second.json().path("Cursor").asText()).isEqualTo(id(threads.get(0)));
        assertThat(third.status()).as(third.toString()).isEqualTo(200);
        assertThat(third.json().path("MessageThreads")).isEmpty();
        assertThat(third.json().has("Cursor")).isTrue();
        assertThat(third.json().get("Cursor").isNull()).as(third.toString()).isTrue();
    }

    @Test
    void unknownCursorIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, UUID.randomUUID().toString()));

        assertBadRequest(response, "Invalid Cursor");
    }

    @Test
    void cursorOfAnotherClientsThreadIsRejectedLikeAnUnknownOne() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        seed(integration, T);
        MessageThread theirs = seed(stranger, T.plusSeconds(1));

        ApiResponse foreign = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, id(theirs)));
        ApiResponse unknown = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, UUID.randomUUID().toString()));

        assertBadRequest(foreign, "Invalid Cursor");
        assertThat(foreign.message()).isEqualTo(unknown.message());
        assertThat(foreign.json().get("Details")).isEqualTo(unknown.json().get("Details"));
    }

    @Test
    void cursorOfAnotherClientsThreadIsRejectedEvenRightAfterItsOwnerWasGivenIt() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        seed(integration, T);
        seed(stranger, T.plusSeconds(1));
        ApiResponse ownersPage = getAll(stranger, "CreatedUtc", AROUND_T, "Limitation", count(10));

        ApiResponse foreign = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, ownersPage.json().path("Cursor").asText()));

        assertThat(ownersPage.status()).as(ownersPage.toString()).isEqualTo(200);
        assertBadRequest(foreign, "Invalid Cursor");
    }

    @Test
    void cursorOfTheClientsOwnThreadOutsideTheTokensScopeIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration elsewhere = tenants.integration(integration.client(), tenants.enterprise());
        seed(integration, T);
        MessageThread otherEnterprise = seed(elsewhere, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, id(otherEnterprise)));

        assertBadRequest(response, "Invalid Cursor");
    }

    @Test
    void cursorMayNameAVisibleThreadThatTheFiltersLeaveOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 3, T, 60);

        // the cursor thread is not among the requested Ids, but the caller sees it: it still positions
        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(threads.get(0), threads.get(2)),
                "Limitation", count(10, id(threads.get(1))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(threads.get(0)));
    }

    @Test
    void malformedCursorIsRejectedNamingIt() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "Limitation", count(10, "not-a-uuid"));

        assertBadRequest(response, "Limitation.Cursor");
    }

    // ----- D6, D7: ownership and scope

    @Test
    void twoClientsInTheSameEnterpriseDoNotSeeEachOthersThreadsById() {
        UUID enterprise = tenants.enterprise();
        Integration alice = tenants.integration(tenants.client(), enterprise);
        Integration bob = tenants.integration(tenants.client(), enterprise);
        MessageThread alices = seed(alice, T);
        MessageThread bobs = seed(bob, T);

        ApiResponse forAlice = getAll(alice, "MessageThreadIds", ids(alices, bobs), "Limitation", count(10));
        ApiResponse forBob = getAll(bob, "MessageThreadIds", ids(alices, bobs), "Limitation", count(10));

        assertThat(threadIds(forAlice)).containsExactly(id(alices));
        assertThat(threadIds(forBob)).containsExactly(id(bobs));
    }

    @Test
    void twoClientsInTheSameEnterpriseDoNotSeeEachOthersThreadsByTime() {
        UUID enterprise = tenants.enterprise();
        Integration alice = tenants.integration(tenants.client(), enterprise);
        Integration bob = tenants.integration(tenants.client(), enterprise);
        MessageThread alices = seed(alice, T);
        MessageThread bobs = seed(bob, T);

        ApiResponse forAlice = getAll(alice, "CreatedUtc", AROUND_T, "Limitation", count(10));
        ApiResponse forBob = getAll(bob, "UpdatedUtc", interval(T, T), "Limitation", count(10));

        assertThat(threadIds(forAlice)).containsExactly(id(alices));
        assertThat(threadIds(forBob)).containsExactly(id(bobs));
    }

    @Test
    void singleEnterpriseTokenDoesNotSeeTheSameClientsThreadsInAnotherEnterprise() {
        Integration here = tenants.singleEnterpriseIntegration();
        Integration there = tenants.integration(here.client(), tenants.enterprise());
        MessageThread hereThread = seed(here, T);
        MessageThread thereThread = seed(there, T.plusSeconds(1));

        ApiResponse byIds = getAll(here, "MessageThreadIds", ids(hereThread, thereThread), "Limitation", count(10));
        ApiResponse byTime = getAll(here, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(threadIds(byIds)).containsExactly(id(hereThread));
        assertThat(threadIds(byTime)).containsExactly(id(hereThread));
    }

    @Test
    void portfolioTokenSeesTheClientsThreadsInEveryEnterpriseOfItsScope() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, second);
        MessageThread inFirst = tenants.seedThread(portfolio, first, T, T);
        MessageThread inSecond = tenants.seedThread(tenants.integration(client, second), second,
                T.plusSeconds(1), T.plusSeconds(1));
        MessageThread olderInFirst = tenants.seedThread(portfolio, first, T.minusSeconds(1), T.minusSeconds(1));

        ApiResponse response = getAll(portfolio, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(inSecond), id(inFirst), id(olderInFirst));
    }

    @Test
    void enterpriseIdsNarrowsToTheNamedEnterprises() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, second);
        MessageThread inFirst = tenants.seedThread(portfolio, first, T, T);
        MessageThread inSecond = tenants.seedThread(portfolio, second, T.plusSeconds(1), T.plusSeconds(1));

        ApiResponse onlySecond = getAll(portfolio,
                "EnterpriseIds", List.of(second.toString()),
                "MessageThreadIds", ids(inFirst, inSecond),
                "Limitation", count(10));
        ApiResponse both = getAll(portfolio,
                "EnterpriseIds", List.of(first.toString(), second.toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(onlySecond)).containsExactly(id(inSecond));
        assertThat(threadIds(both)).containsExactly(id(inSecond), id(inFirst));
    }

    @Test
    void upperCaseEnterpriseIdIsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString().toUpperCase()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void enterpriseIdOutsideThePortfolioScopeIsRejectedNamingIt() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, tenants.enterprise());
        UUID outside = tenants.enterprise();
        tenants.integration(client, outside);

        ApiResponse response = getAll(portfolio,
                "EnterpriseIds", List.of(first.toString(), outside.toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds[1]");
    }

    @Test
    void anotherEnterpriseIdWithASingleEnterpriseTokenIsRejectedNamingIt() {
        Integration here = tenants.singleEnterpriseIntegration();
        Integration there = tenants.integration(here.client(), tenants.enterprise());
        seed(there, T);

        ApiResponse response = getAll(here,
                "EnterpriseIds", List.of(there.enterpriseId().toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds[0]");
    }

    @Test
    void unknownEnterpriseIdIsRejectedNamingIt() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString(), UUID.randomUUID().toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds[1]");
    }

    @Test
    void emptyEnterpriseIdsIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds");
    }

    @Test
    void moreThan1000EnterpriseIdsIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "EnterpriseIds", randomIds(1001),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds");
    }

    @Test
    void malformedEnterpriseIdIsRejectedNamingItsIndex() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString(), "hotel"),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertBadRequest(response, "EnterpriseIds[1]");
    }

    @Test
    void anotherIntegrationOfTheSameClientAndEnterpriseSeesTheClientsThreads() {
        Integration first = tenants.singleEnterpriseIntegration();
        Integration second = tenants.integration(first.client(), first.enterpriseId());
        JsonNode added = tenants.addThread(first);
        String addedId = added.path("Id").asText();

        ApiResponse byIds = getAll(second, "MessageThreadIds", List.of(addedId), "Limitation", count(10));
        String created = added.path("CreatedUtc").asText();
        ApiResponse byTime = getAll(second, "CreatedUtc", interval(created, created), "Limitation", count(10));

        assertThat(byIds.json().path("MessageThreads")).containsExactly(added);
        assertThat(threadIds(byTime)).containsExactly(addedId);
    }

    @Test
    void portfolioTokenSeesThreadsCreatedThroughTheClientsSingleEnterpriseToken() {
        Integration single = tenants.singleEnterpriseIntegration();
        Integration portfolio = tenants.integration(single.client(), single.enterpriseId(), tenants.enterprise());
        JsonNode added = tenants.addThread(single);

        ApiResponse response = getAll(portfolio,
                "MessageThreadIds", List.of(added.path("Id").asText()),
                "Limitation", count(10));

        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    // ----- D17: Prefer: return=minimal

    @Test
    void preferMinimalAnswers204WithNoBodyForAnEmptyPage() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(GET_ALL,
                integration.body("CreatedUtc", AROUND_T, "Limitation", count(10)),
                "Prefer", "return=minimal");

        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Type")).isNull();
        assertThat(response.header("Request-Id")).isNotBlank();
    }

    @Test
    void preferMinimalStillAnswers200ForAPageWithThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = tenants.api().post(GET_ALL,
                integration.body("CreatedUtc", AROUND_T, "Limitation", count(10)),
                "Prefer", "return=minimal");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(threadIds(response)).containsExactly(id(mine));
        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(mine));
    }

    @Test
    void withoutPreferAnEmptyPageIs200() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("MessageThreads")).isEmpty();
    }

    // ----- D2, D11: the thread as emitted

    @Test
    void isResolvedIsAlwaysEmittedAndFalseForNewThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);

        ApiResponse byTime = getAll(integration, "CreatedUtc", AROUND_T, "Limitation", count(10));
        JsonNode added = tenants.addThread(integration);
        ApiResponse byId = getAll(integration,
                "MessageThreadIds", List.of(added.path("Id").asText()), "Limitation", count(10));

        for (JsonNode thread : List.of(byTime.json().path("MessageThreads").get(0),
                byId.json().path("MessageThreads").get(0))) {
            assertThat(thread.has("IsResolved")).as(thread.toString()).isTrue();
            assertThat(thread.get("IsResolved").isBoolean()).as(thread.toString()).isTrue();
            assertThat(thread.get("IsResolved").booleanValue()).as(thread.toString()).isFalse();
        }
    }

    @Test
    void threadsCarryExactlyTheDocumentedPropertiesWithWholeSecondUtcTimes() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread seeded = tenants.seedThread(integration, integration.enterpriseId(), T, T.plusSeconds(30));

        JsonNode thread = getAll(integration, "MessageThreadIds", ids(seeded), "Limitation", count(10))
                .json().path("MessageThreads").get(0);

        List<String> names = new ArrayList<>();
        thread.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("Id", "OriginalSender", "Subject", "CreatedUtc", "UpdatedUtc",
                "IsResolved");
        assertThat(thread.path("CreatedUtc").asText()).isEqualTo("2022-03-07T16:09:45Z");
        assertThat(thread.path("UpdatedUtc").asText()).isEqualTo("2022-03-07T16:10:15Z");
        assertThat(thread.path("OriginalSender").asText()).isEqualTo(seeded.originalSender());
        assertThat(thread.path("Subject").asText()).isEqualTo(seeded.subject());
    }

    // ----- helpers

    private ApiResponse getAll(Integration integration, Object... namesAndValues) {
        return tenants.api().post(GET_ALL, integration.body(namesAndValues));
    }

    /** A thread whose CreatedUtc is {@code created} (UpdatedUtc the same). */
    private MessageThread seed(Integration integration, Instant created) {
        return tenants.seedThread(integration, integration.enterpriseId(), created, created);
    }

    /**
     * A thread whose {@code field} is {@code at}, and whose other timestamp is 40 days away, so only
     * a filter on {@code field} can find it around {@code at}.
     */
    private MessageThread seed(Integration integration, String field, Instant at) {
        Duration away = Duration.ofDays(40);
        return field.equals("CreatedUtc")
                ? tenants.seedThread(integration, integration.enterpriseId(), at, at.plus(away))
                : tenants.seedThread(integration, integration.enterpriseId(), at.minus(away), at);
    }

    private static void assertBadRequest(ApiResponse response, String expectedInMessage) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        JsonNode body = response.json();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(response.toString()).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(body.path("Message").asText()).as(response.toString()).contains(expectedInMessage);
        assertThat(body.path("RequestId").asText()).isNotBlank().isEqualTo(response.header("Request-Id"));
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
        return List.of(threads).stream().map(MessageThreadsGetAllTest::id).toList();
    }

    static List<String> reversedIds(List<MessageThread> threads) {
        return threads.reversed().stream().map(MessageThreadsGetAllTest::id).toList();
    }

    static List<String> randomIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    static List<String> threadIds(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("MessageThreads").forEach(thread -> ids.add(thread.path("Id").asText()));
        return ids;
    }

    /** Raw JSON bodies, for values a Map cannot express (such as a number written as 10.5). */
    private static final class RawJson {

        static String of(Object value) {
            return ApiClient.toJson(value);
        }

        static String bodyWith(Integration integration, String extraProperties) {
            String credentials = of(integration.body());
            return credentials.substring(0, credentials.length() - 1) + "," + extraProperties + "}";
        }
    }
}
