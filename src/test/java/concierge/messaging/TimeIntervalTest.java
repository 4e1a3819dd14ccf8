package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.errors.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TimeInterval.check without a database: spec D1 (calendar months, start not after end). */
class TimeIntervalTest {

    @Test
    void sameStartAndEndIsEqualityMode() {
        Instant at = Instant.parse("2022-03-07T16:09:45Z");

        assertThat(new TimeInterval(at, at).isEquality()).isTrue();
        assertThat(new TimeInterval(at, at.plusSeconds(1)).isEquality()).isFalse();
        assertThatCode(() -> new TimeInterval(at, at).check("CreatedUtc", 3)).doesNotThrowAnyException();
    }

    @Test
    void startAfterEndIsRejectedNamingThePath() {
        TimeInterval backwards = interval("2022-03-07T16:09:46Z", "2022-03-07T16:09:45Z");

        assertThatThrownBy(() -> backwards.check("UpdatedUtc", 3))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid UpdatedUtc");
    }

    @ParameterizedTest
    @CsvSource({
            // exactly n calendar months
            "2022-01-15T00:00:00Z, 2022-04-15T00:00:00Z, 3",
            "2022-01-15T10:20:30Z, 2022-04-15T10:20:30Z, 3",
            "2022-12-01T00:00:00Z, 2023-03-01T00:00:00Z, 3",
            "2022-05-01T00:00:00Z, 2022-08-01T00:00:00Z, 3",
            "2022-01-15T00:00:00Z, 2022-02-15T00:00:00Z, 1",
            // plusMonths clamps to the end of a shorter month
            "2022-11-30T00:00:00Z, 2023-02-28T00:00:00Z, 3",
            "2023-11-30T00:00:00Z, 2024-02-29T00:00:00Z, 3",
            "2022-01-31T00:00:00Z, 2022-02-28T00:00:00Z, 1",
            // well inside
            "2022-01-15T00:00:00Z, 2022-01-15T00:00:01Z, 1",
    })
    void upToTheMaximumInCalendarMonthsIsAccepted(String start, String end, int maxMonths) {
        assertThatCode(() -> interval(start, end).check("CreatedUtc", maxMonths)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
            "2022-01-15T00:00:00Z, 2022-04-15T00:00:01Z, 3",
            "2022-12-01T00:00:00Z, 2023-03-02T00:00:00Z, 3",
            "2022-11-30T00:00:00Z, 2023-02-28T00:00:01Z, 3",
            "2023-11-30T00:00:00Z, 2024-02-29T00:00:01Z, 3",
            "2022-01-15T00:00:00Z, 2022-02-15T00:00:01Z, 1",
            "2022-01-31T00:00:00Z, 2022-03-01T00:00:00Z, 1",
            "2022-01-01T00:00:00Z, 2023-01-01T00:00:00Z, 3",
    })
    void longerThanTheMaximumIsRejectedNamingThePath(String start, String end, int maxMonths) {
        TimeInterval tooLong = interval(start, end);

        assertThatThrownBy(() -> tooLong.check("CreatedUtc", maxMonths))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid CreatedUtc");
    }

    @Test
    void monthsAreCountedInUtc() {
        // 2022-01-31T23:00Z is 2022-02-01 in +01:00; counted in UTC, one month later is 2022-02-28T23:00Z
        TimeInterval inUtc = interval("2022-01-31T23:00:00Z", "2022-02-28T23:00:00Z");
        TimeInterval pastUtc = interval("2022-01-31T23:00:00Z", "2022-02-28T23:00:01Z");

        assertThatCode(() -> inUtc.check("CreatedUtc", 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> pastUtc.check("CreatedUtc", 1)).isInstanceOf(InvalidRequestException.class);
    }

    private static TimeInterval interval(String start, String end) {
        return new TimeInterval(Instant.parse(start), Instant.parse(end));
    }
}
