package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.logging.common.HelidonMdc;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TextLogFormatterTest {

    private final TextLogFormatter formatter = new TextLogFormatter();

    @AfterEach
    void forgetTheRequestId() {
        HelidonMdc.remove(JsonLogFormatter.REQUEST_ID);
    }

    @Test
    void aLineHasTimeLevelLoggerAndMessage() {
        assertThat(formatter.format(record("started"))).isEqualTo(
                "2026-12-01T10:15:30.123Z INFO concierge.test: started" + System.lineSeparator());
    }

    @Test
    void aLineLoggedWhileARequestIsServedEndsWithItsRequestId() {
        HelidonMdc.set(JsonLogFormatter.REQUEST_ID, "6e6d3c0a-0b0e-4b8e-9a52-2f3c1e5d7a11");

        assertThat(formatter.format(record("POST /x 404 1.0 ms"))).isEqualTo("2026-12-01T10:15:30.123Z INFO"
                + " concierge.test: POST /x 404 1.0 ms 6e6d3c0a-0b0e-4b8e-9a52-2f3c1e5d7a11" + System.lineSeparator());
    }

    @Test
    void theTimeHasThreeDigitsOfMillisecondsAndFollowsTheClockFromSecondToSecond() {
        LogRecord first = record("a");
        first.setInstant(Instant.parse("2026-12-01T10:15:30.007Z"));
        LogRecord sameSecond = record("b");
        sameSecond.setInstant(Instant.parse("2026-12-01T10:15:30.090Z"));
        LogRecord nextSecond = record("c");
        nextSecond.setInstant(Instant.parse("2026-12-01T10:15:31Z"));

        assertThat(formatter.format(first)).startsWith("2026-12-01T10:15:30.007Z ");
        assertThat(formatter.format(sameSecond)).startsWith("2026-12-01T10:15:30.090Z ");
        assertThat(formatter.format(nextSecond)).startsWith("2026-12-01T10:15:31.000Z ");
    }

    @Test
    void aMessageWithPercentOrBracesIsWrittenAsItIs() {
        assertThat(formatter.format(record("GET /%s{0}%n"))).contains(": GET /%s{0}%n");
    }

    @Test
    void aFailureFollowsWithItsStackTrace() {
        LogRecord failed = record("close failed");
        failed.setThrown(new IllegalStateException("broken"));

        assertThat(formatter.format(failed)).contains("close failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: broken");
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("concierge.test");
        record.setInstant(Instant.parse("2026-12-01T10:15:30.123Z"));
        return record;
    }
}
