package concierge.http;

import static concierge.http.Bodies.ENTERPRISE_ID;
import static concierge.http.Bodies.json;
import static concierge.http.Bodies.refusal;
import static concierge.http.Bodies.uuids;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.ids.EnterpriseId;
import concierge.messaging.Limitation;
import concierge.messaging.TimeInterval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request pieces several operations share (spec D1, D3, D5, D7, D14): what each decodes to, and
 * the 400 Message naming the field when it cannot. No server: the operations' HTTP tests cover the rest.
 */
class RequestFieldsTest {

    private static final String UUID_EXAMPLE = "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.";
    private static final String DATE_TIME_EXAMPLE =
            "must be an ISO 8601 date-time with Z or an offset, such as 2022-03-03T00:00:00Z.";

    @Test
    void limitationDecodesCountAndCursor() {
        Limitation limitation = RequestFields.limitation(
                json("{'Limitation': {'Count': 10, 'Cursor': '" + ENTERPRISE_ID + "'}}"));

        assertThat(limitation).isEqualTo(new Limitation(10, Optional.of(UUID.fromString(ENTERPRISE_ID))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'Count': 10}", "{'Count': 10, 'Cursor': null}"})
    void limitationWithoutCursorStartsAtTheNewest(String limitation) {
        assertThat(RequestFields.limitation(json("{'Limitation': " + limitation + "}")).cursor()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void limitationCountOutOfRangeIsLeftToTheUseCase(int count) {
        assertThat(RequestFields.limitation(json("{'Limitation': {'Count': " + count + "}}")).count()).isEqualTo(count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'Limitation': null}"})
    void limitationIsRequired(String body) {
        assertThat(refusal(() -> RequestFields.limitation(json(body))))
                .isEqualTo("Invalid Limitation: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "'x'", "'10'", "[]", "[{'Count': 10}]", "true"})
    void limitationMustBeAnObject(String limitation) {
        assertThat(refusal(() -> RequestFields.limitation(json("{'Limitation': " + limitation + "}"))))
                .isEqualTo("Invalid Limitation: must be an object.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'Count': null}", "{'Cursor': '" + ENTERPRISE_ID + "'}"})
    void limitationCountIsRequired(String limitation) {
        assertThat(refusal(() -> RequestFields.limitation(json("{'Limitation': " + limitation + "}"))))
                .isEqualTo("Invalid Limitation.Count: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'10'", "10.5", "10.0", "1e1", "1e20", "1e400", "true", "[10]", "{}", "2147483648",
            "10000000000", "99999999999999999999999999"})
    void limitationCountMustBeAWholeNumber(String count) {
        assertThat(refusal(() -> RequestFields.limitation(json("{'Limitation': {'Count': " + count + "}}"))))
                .isEqualTo("Invalid Limitation.Count: must be a whole number.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'not-a-uuid'", "1", "''", "'3fa85f6457174562b3fc2c963f66afa6'"})
    void limitationCursorMustBeAUuid(String cursor) {
        assertThat(refusal(() -> RequestFields.limitation(
                json("{'Limitation': {'Count': 10, 'Cursor': " + cursor + "}}"))))
                .isEqualTo("Invalid Limitation.Cursor: " + UUID_EXAMPLE);
    }

    @Test
    void intervalDecodesBothBoundsInUtc() {
        Optional<TimeInterval> interval = RequestFields.interval(json(
                "{'CreatedUtc': {'StartUtc': '2022-03-03T01:00:00+01:00', 'EndUtc': '2022-03-04T00:00:00Z'}}"),
                "CreatedUtc");

        assertThat(interval).contains(new TimeInterval(
                Instant.parse("2022-03-03T00:00:00Z"), Instant.parse("2022-03-04T00:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'CreatedUtc': null}"})
    void anAbsentIntervalIsNoFilter(String body) {
        assertThat(RequestFields.interval(json(body), "CreatedUtc")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'EndUtc': '2022-03-04T00:00:00Z'}   | Invalid UpdatedUtc.StartUtc: the property is required.",
            "{'StartUtc': '2022-03-03T00:00:00Z'} | Invalid UpdatedUtc.EndUtc: the property is required.",
            "{'EndUtc': '2022-03-04T00:00:00Z', 'StartUtc': null} | Invalid UpdatedUtc.StartUtc: the property is required.",
            "{'StartUtc': '2022-03-03T00:00:00Z', 'EndUtc': null} | Invalid UpdatedUtc.EndUtc: the property is required.",
            "{}                                   | Invalid UpdatedUtc.StartUtc: the property is required."})
    void bothBoundsOfAPresentIntervalAreRequired(String interval, String message) {
        assertThat(refusal(() -> RequestFields.interval(json("{'UpdatedUtc': " + interval + "}"), "UpdatedUtc")))
                .isEqualTo(message);
    }

    @Test
    void anIntervalMustBeAnObject() {
        assertThat(refusal(() -> RequestFields.interval(json("{'CreatedUtc': '2022-03-03T00:00:00Z'}"), "CreatedUtc")))
                .isEqualTo("Invalid CreatedUtc: must be an object.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'2022-03-03'", "'2022-03-03T00:00:00'", "'2022-03-03 00:00:00Z'", "'2022-13-01T00:00:00Z'",
            "'2022-02-30T00:00:00Z'", "'2022-03-03T25:00:00Z'", "'2022-03-03T00:00:00.0000000000Z'",
            "'+10000-01-01T00:00:00Z'", "'2022-03-03T00:00:00.Z'", "'2022-03-03T00:00:00+01:00:30'",
            "'2022-03-03T00:00:00+0100'", "'yesterday'", "'1646265600'", "1646265600", "''", "' '"})
    void anIntervalBoundMustBeAnIsoDateTimeWithAnOffset(String startUtc) {
        assertThat(refusal(() -> RequestFields.interval(
                json("{'CreatedUtc': {'StartUtc': " + startUtc + ", 'EndUtc': '2022-03-04T00:00:00Z'}}"), "CreatedUtc")))
                .isEqualTo("Invalid CreatedUtc.StartUtc: " + DATE_TIME_EXAMPLE);
    }

    @Test
    void anIntervalBoundBeyondYear9999IsRefused() {
        assertThat(refusal(() -> RequestFields.interval(
                json("{'CreatedUtc': {'StartUtc': '2022-03-03T00:00:00Z', 'EndUtc': '9999-12-31T23:59:59-01:00'}}"),
                "CreatedUtc")))
                .isEqualTo("Invalid CreatedUtc.EndUtc: must be between years 0001 and 9999.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-03-07T17:09:45+01:00", "2022-03-07T11:39:45-04:30", "2022-03-07T16:09:45+00:00",
            "2022-03-08T01:09:45+09:00", "2022-03-07T17:09:45+01", "2022-03-07T11:09:45-05", "2022-03-07t16:09:45z",
            "2022-03-07T16:09:45.0Z", "2022-03-07T16:09:45.000Z", "2022-03-07T16:09:45.000000Z",
            "2022-03-07T16:09:45.0000000Z", "2022-03-07T16:09:45.000000000Z", "2022-03-07T17:09:45.000+01:00"})
    void anIntervalBoundInAnyOffsetLetterCaseOrPrecisionIsTheSameInstant(String sameInstant) {
        Instant instant = Instant.parse("2022-03-07T16:09:45Z");

        assertThat(interval(sameInstant, sameInstant)).isEqualTo(new TimeInterval(instant, instant));
    }

    @Test
    void anIntervalBoundWithoutSecondsIsTheStartOfItsMinute() {
        assertThat(interval("2022-03-07T16:09Z", "2022-03-07T16:10Z")).isEqualTo(new TimeInterval(
                Instant.parse("2022-03-07T16:09:00Z"), Instant.parse("2022-03-07T16:10:00Z")));
    }

    @ParameterizedTest
    @CsvSource({"0001-01-01T00:00:00Z, 0001-03-01T00:00:00Z", "9999-10-01T00:00:00Z, 9999-12-31T23:59:59Z"})
    void intervalBoundsAtTheEdgesOfTheCalendarAreAccepted(String start, String end) {
        assertThat(interval(start, end)).isEqualTo(new TimeInterval(Instant.parse(start), Instant.parse(end)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'EnterpriseIds': null}"})
    void absentEnterpriseIdsMeanEveryEnterpriseInScope(String body) {
        assertThat(RequestFields.enterpriseIds(json(body))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, RequestFields.MAX_IDS_PER_ARRAY})
    void enterpriseIdsTakeOneToTheMaximumOfIds(int count) {
        assertThat(RequestFields.enterpriseIds(json("{'EnterpriseIds': " + uuids(count) + "}")).orElseThrow())
                .hasSize(count);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void enterpriseIdsOutsideOneToTheMaximumAreRefused(int count) {
        assertThat(refusal(() -> RequestFields.enterpriseIds(json("{'EnterpriseIds': " + uuids(count) + "}"))))
                .isEqualTo("Invalid EnterpriseIds: must have from 1 to 1000 items.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'" + ENTERPRISE_ID + "'", "{}", "1"})
    void enterpriseIdsMustBeAnArray(String ids) {
        assertThat(refusal(() -> RequestFields.enterpriseIds(json("{'EnterpriseIds': " + ids + "}"))))
                .isEqualTo("Invalid EnterpriseIds: must be an array.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'nope'", "null", "1", "{}", "'" + ENTERPRISE_ID + "x'", "''",
            "'3fa85f6457174562b3fc2c963f66afa6'", "'3fa85f64-5717-4562-b3fc-2c963f66afa'",
            "'{3fa85f64-5717-4562-b3fc-2c963f66afa6}'", "'3fa85f64-5717-4562-b3fc-2c963f66afg6'", "'1-1-1-1-1'"})
    void anEnterpriseIdThatIsNoUuidIsNamedByItsIndex(String id) {
        assertThat(refusal(() -> RequestFields.enterpriseIds(
                json("{'EnterpriseIds': ['" + ENTERPRISE_ID + "', " + id + "]}"))))
                .isEqualTo("Invalid EnterpriseIds[1]: " + UUID_EXAMPLE);
    }

    @Test
    void requiredIdsAreRequired() {
        assertThat(refusal(() -> RequestFields.ids(json("{}"), "MessageThreadIds")))
                .isEqualTo("Invalid MessageThreadIds: the property is required.");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, RequestFields.MAX_IDS_PER_ARRAY + 1})
    void everyIdArrayHasTheSameLimits(int count) {
        assertThat(refusal(() -> RequestFields.ids(json("{'BatchIds': " + uuids(count) + "}"), "BatchIds")))
                .isEqualTo("Invalid BatchIds: must have from 1 to 1000 items.");
    }

    @Test
    void idsAreDecodedInRequestOrder() {
        assertThat(RequestFields.optionalIds(json("{'MessageThreadIds': " + uuids(3) + "}"), "MessageThreadIds"))
                .contains(List.of(new UUID(0, 0), new UUID(0, 1), new UUID(0, 2)));
    }

    @Test
    void idsAreAcceptedInUpperCase() {
        String upperCase = ENTERPRISE_ID.toUpperCase();
        UUID id = UUID.fromString(ENTERPRISE_ID);

        assertThat(RequestFields.enterpriseIds(json("{'EnterpriseIds': ['" + upperCase + "']}")))
                .contains(List.of(new EnterpriseId(id)));
        assertThat(RequestFields.optionalIds(json("{'MessageThreadIds': ['" + upperCase + "']}"), "MessageThreadIds"))
                .contains(List.of(id));
        assertThat(RequestFields.limitation(json("{'Limitation': {'Count': 1, 'Cursor': '" + upperCase + "'}}"))
                .cursor()).contains(id);
    }

    /** A CreatedUtc interval of the two bounds given. */
    private static TimeInterval interval(String startUtc, String endUtc) {
        String interval = "{'StartUtc': '" + startUtc + "', 'EndUtc': '" + endUtc + "'}";
        return RequestFields.interval(json("{'CreatedUtc': " + interval + "}"), "CreatedUtc").orElseThrow();
    }
}
