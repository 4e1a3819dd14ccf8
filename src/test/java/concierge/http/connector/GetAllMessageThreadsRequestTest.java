package concierge.http.connector;

import static concierge.http.Bodies.refusal;
import static concierge.http.Bodies.uuids;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.RawBody;
import concierge.http.connector.ConnectorApi.GetAllMessageThreadsRequest;
import concierge.messaging.TimeInterval;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding a messageThreads/getAll body (spec D1, D3, D5, D8, D13): what each field decodes to, and
 * the 400 that names the field by its JSON path when it cannot be decoded. No server: that the
 * refusal reaches the client, and what the database does with a decoded request, are
 * MessageThreadsGetAllRequestTest and the other MessageThreads*Test classes.
 */
class GetAllMessageThreadsRequestTest {

    private static final Instant T = Instant.parse("2022-03-07T16:09:45Z");
    private static final String THREAD_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String LATER = "'2022-03-08T00:00:00Z'";
    private static final String EARLIER = "'2022-03-01T00:00:00Z'";
    /** Each test changes what it is about; a null value leaves the property out. */
    private static final RawBody VALID =
            RawBody.of("MessageThreadIds", "['" + THREAD_ID + "']", "Limitation", "{'Count': 10}");

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("Limitation", "Limitation", "10"),
                refused("Limitation", "Limitation", "'10'"),
                refused("Limitation", "Limitation", "[{'Count': 10}]"),
                refused("Limitation.Count", "Limitation", "{'Count': '10'}"),
                refused("Limitation.Count", "Limitation", "{'Count': 10.5}"),
                refused("Limitation.Count", "Limitation", "{'Count': 10.0}"),
                refused("Limitation.Count", "Limitation", "{'Count': 1e20}"),
                refused("Limitation.Count", "Limitation", "{'Count': 1e400}"),
                refused("Limitation.Count", "Limitation", "{'Count': 2147483648}"),
                refused("Limitation.Count", "Limitation", "{'Count': 10000000000}"),
                refused("Limitation.Count", "Limitation", "{'Count': 99999999999999999999999999}"),
                refused("Limitation.Count", "Limitation", "{'Count': true}"),
                refused("Limitation.Count", "Limitation", "{'Count': [10]}"),
                refused("Limitation.Count", "Limitation", "{'Count': {}}"),
                refused("Limitation.Cursor", "Limitation", "{'Count': 10, 'Cursor': 5}"),
                refused("Limitation.Cursor", "Limitation", "{'Count': 10, 'Cursor': 'not-a-uuid'}"),
                refused("EnterpriseIds", "EnterpriseIds", "'" + THREAD_ID + "'"),
                refused("EnterpriseIds", "EnterpriseIds", "{}"),
                refused("EnterpriseIds", "EnterpriseIds", "[]"),
                refused("EnterpriseIds", "EnterpriseIds", uuids(1001)),
                refused("EnterpriseIds[0]", "EnterpriseIds", "[42]"),
                refused("EnterpriseIds[1]", "EnterpriseIds", "['" + THREAD_ID + "', 'hotel']"),
                refused("MessageThreadIds", "MessageThreadIds", "'" + THREAD_ID + "'"),
                refused("MessageThreadIds", "MessageThreadIds", "[]"),
                refused("MessageThreadIds", "MessageThreadIds", uuids(1001)),
                refused("MessageThreadIds[0]", "MessageThreadIds", "[42]"),
                refused("MessageThreadIds[1]", "MessageThreadIds", "['" + THREAD_ID + "', null]"),
                refused("CreatedUtc", "CreatedUtc", "'2022-03-03T00:00:00Z'"),
                refused("CreatedUtc.StartUtc", "CreatedUtc", "{'StartUtc': 1646265600, 'EndUtc': " + LATER + "}"));
    }

    private static Arguments refused(String path, String field, String rawValue) {
        return Arguments.of(path, field, rawValue);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refusals")
    void aValueThatCannotBeDecodedIsRefusedNamingItsJsonPath(String path, String field, String rawValue) {
        assertThat(refusalOf(field, rawValue)).startsWith("Invalid " + path + ":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "", "3fa85f6457174562b3fc2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa",
            "{3fa85f64-5717-4562-b3fc-2c963f66afa6}", "3fa85f64-5717-4562-b3fc-2c963f66afg6", "1-1-1-1-1"})
    void malformedThreadIdIsRefusedNamingItsIndex(String malformed) {
        assertThat(refusalOf("MessageThreadIds", "['" + UUID.randomUUID() + "', '" + malformed + "']"))
                .startsWith("Invalid MessageThreadIds[1]:");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Limitation       | ",
            "Limitation       | null",
            "Limitation.Count | {'Cursor': '3fa85f64-5717-4562-b3fc-2c963f66afa6'}",
            "Limitation.Count | {'Count': null}"})
    void limitationAndItsCountAreRequired(String path, String limitation) {
        assertThat(refusalOf("Limitation", limitation)).isEqualTo("Invalid " + path + ": the property is required.");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "CreatedUtc | {'StartUtc': '2022-03-07T16:09:45Z'}",
            "CreatedUtc | {'StartUtc': '2022-03-07T16:09:45Z', 'EndUtc': null}",
            "UpdatedUtc | {'StartUtc': '2022-03-07T16:09:45Z'}",
            "UpdatedUtc | {'StartUtc': '2022-03-07T16:09:45Z', 'EndUtc': null}"})
    void missingEndUtcIsRefusedNamingIt(String field, String interval) {
        assertThat(refusalOf(field, interval)).isEqualTo("Invalid " + field + ".EndUtc: the property is required.");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "CreatedUtc | {'EndUtc': '2022-03-07T16:09:45Z'}",
            "CreatedUtc | {'EndUtc': '2022-03-07T16:09:45Z', 'StartUtc': null}",
            "CreatedUtc | {}",
            "UpdatedUtc | {'EndUtc': '2022-03-07T16:09:45Z'}",
            "UpdatedUtc | {'EndUtc': '2022-03-07T16:09:45Z', 'StartUtc': null}",
            "UpdatedUtc | {}"})
    void missingStartUtcIsRefusedNamingIt(String field, String interval) {
        assertThat(refusalOf(field, interval)).isEqualTo("Invalid " + field + ".StartUtc: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", " ", "2022-03-07", "2022-03-07T16:09:45", "2022-03-07 16:09:45Z",
            "2022-13-07T16:09:45Z", "2022-02-30T16:09:45Z", "2022-03-07T25:09:45Z",
            "2022-03-07T16:09:45.0000000000Z", "+10000-01-01T00:00:00Z", "1646669385",
            "2022-03-07T16:09:45.Z", "2022-03-07T16:09:45+01:00:30", "2022-03-07T16:09:45+0100"})
    void nonDateStringIsRefusedNamingTheBound(String notADate) {
        String quoted = "'" + notADate + "'";

        assertThat(refusalOf("CreatedUtc", "{'StartUtc': " + quoted + ", 'EndUtc': " + LATER + "}"))
                .startsWith("Invalid CreatedUtc.StartUtc:");
        assertThat(refusalOf("UpdatedUtc", "{'StartUtc': " + EARLIER + ", 'EndUtc': " + quoted + "}"))
                .startsWith("Invalid UpdatedUtc.EndUtc:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-03-07T17:09:45+01:00", "2022-03-07T11:39:45-04:30", "2022-03-07T16:09:45+00:00",
            "2022-03-08T01:09:45+09:00", "2022-03-07T17:09:45+01", "2022-03-07T11:09:45-05", "2022-03-07t16:09:45z"})
    void offsetsAndLetterCaseAreNormalisedToUtc(String sameInstant) {
        assertThat(decodedInterval(sameInstant, sameInstant)).isEqualTo(new TimeInterval(T, T));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-03-07T16:09:45.0Z", "2022-03-07T16:09:45.000Z", "2022-03-07T16:09:45.000000Z",
            "2022-03-07T16:09:45.0000000Z", "2022-03-07T16:09:45.000000000Z", "2022-03-07T17:09:45.000+01:00"})
    void fractionalSecondsAreAccepted(String sameInstant) {
        assertThat(decodedInterval(sameInstant, sameInstant)).isEqualTo(new TimeInterval(T, T));
    }

    @Test
    void dateTimesWithoutSecondsMeanTheStartOfTheMinute() {
        assertThat(decodedInterval("2022-03-07T16:09Z", "2022-03-07T16:10Z")).isEqualTo(new TimeInterval(
                Instant.parse("2022-03-07T16:09:00Z"), Instant.parse("2022-03-07T16:10:00Z")));
    }

    @ParameterizedTest
    @CsvSource({"0001-01-01T00:00:00Z, 0001-03-01T00:00:00Z", "9999-10-01T00:00:00Z, 9999-12-31T23:59:59Z"})
    void datesAtTheEdgesOfTheCalendarAreAccepted(String start, String end) {
        assertThat(decodedInterval(start, end)).isEqualTo(new TimeInterval(Instant.parse(start), Instant.parse(end)));
    }

    @Test
    void upperCaseIdsAreAccepted() {
        UUID thread = UUID.randomUUID();
        UUID enterprise = UUID.randomUUID();
        UUID cursor = UUID.randomUUID();

        GetAllMessageThreadsRequest request = decode(
                "MessageThreadIds", "['" + upperCase(thread) + "']",
                "EnterpriseIds", "['" + upperCase(enterprise) + "']",
                "Limitation", "{'Count': 10, 'Cursor': '" + upperCase(cursor) + "'}");

        assertThat(request.filter().threadIds()).contains(List.of(thread));
        assertThat(request.enterpriseIds()).contains(List.of(enterprise));
        assertThat(request.limitation().cursor()).contains(cursor);
    }

    /** A thread or time filter is required; the use case says so (MessageThreadsGetAllRequestTest). */
    @Test
    void nullFiltersCountAsAbsent() {
        GetAllMessageThreadsRequest request = decode(
                "MessageThreadIds", "null", "CreatedUtc", "null", "UpdatedUtc", "null", "EnterpriseIds", "null");

        assertThat(request.filter().hasThreadOrTimeFilter()).isFalse();
        assertThat(request.enterpriseIds()).isEmpty();
    }

    // ----- helpers

    private static GetAllMessageThreadsRequest decode(String... namesAndRawValues) {
        return GetAllMessageThreadsRequest.from(VALID.with(namesAndRawValues).fields());
    }

    private static String refusalOf(String name, String rawValue) {
        return refusal(() -> decode(name, rawValue));
    }

    private static TimeInterval decodedInterval(String start, String end) {
        return decode("CreatedUtc", "{'StartUtc': '" + start + "', 'EndUtc': '" + end + "'}").filter().createdUtc()
                .orElseThrow();
    }

    private static String upperCase(UUID id) {
        return id.toString().toUpperCase();
    }
}
