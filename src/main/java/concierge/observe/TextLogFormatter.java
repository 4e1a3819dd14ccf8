package concierge.observe;

import io.helidon.logging.common.HelidonMdc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The default log format: {@code <time UTC> <LEVEL> <logger>: <message> <RequestId>} on one line, then
 * a failure's stack trace. The RequestId (Helidon's MDC, set by http.Exchange) is there only on a line
 * logged while a request is served. Built by hand rather than by SimpleFormatter's format string
 * (String.format per line), a line per request being the largest cost of observing a request
 * (bench/results/2026-12-01/observe-cost.md).
 */
public final class TextLogFormatter extends Formatter {

    /** Date and time to the second; the milliseconds are appended, always three digits so lines line up. */
    private static final DateTimeFormatter TO_THE_SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The last second formatted: lines come many to a second, and formatting a date was a share of a request's CPU. */
    private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(200)
                .append(time(record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(record.getParameters() == null ? record.getMessage() : formatMessage(record));
        HelidonMdc.get(JsonLogFormatter.REQUEST_ID).ifPresent(id -> line.append(' ').append(id));
        line.append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private String time(Instant instant) {
        Second second = lastSecond;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new Second(instant.getEpochSecond(), TO_THE_SECOND.format(instant));
            lastSecond = second;
        }
        int millis = instant.getNano() / 1_000_000;
        return second.text() + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + millis + "Z";
    }
}
