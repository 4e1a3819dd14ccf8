package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.SeededRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Date-times out (spec D2): UTC, whole seconds, {@code yyyy-MM-ddTHH:mm:ssZ}. */
class WireFormatsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "2022-03-07T16:09:45Z,           2022-03-07T16:09:45Z",
            "2022-03-07T16:09:45.999999999Z, 2022-03-07T16:09:45Z",
            "1970-01-01T00:00:00Z,           1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z,         1969-12-31T23:59:59Z",
            "2024-02-29T23:59:59Z,           2024-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z,           0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.1Z,         9999-12-31T23:59:59Z"})
    void writesWholeSecondsInUtc(String instant, String expected) {
        assertThat(WireFormats.utc(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenAsTheReferencePatternWritesThem() {
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        Instant beforeYearZero = Instant.parse("-0001-06-01T12:00:00Z");

        assertThat(WireFormats.utc(farFuture)).isEqualTo(REFERENCE.format(farFuture));
        assertThat(WireFormats.utc(beforeYearZero)).isEqualTo(REFERENCE.format(beforeYearZero));
    }

    @Test
    void agreesWithTheReferencePatternOnRandomInstants() {
        SeededRandom random = SeededRandom.create("WireFormatsTest");
        long earliest = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(earliest + (long) (random.nextDouble() * (latest - earliest)),
                    random.nextInt(1_000_000_000));

            assertThat(WireFormats.utc(instant)).as(random.where("instant " + instant))
                    .isEqualTo(REFERENCE.format(instant.truncatedTo(ChronoUnit.SECONDS)));
        }
    }
}
