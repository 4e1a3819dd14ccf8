package concierge.observe;

import io.helidon.logging.common.HelidonMdc;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    /** Milliseconds always, so the lines' times line up. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(200)
                .append(TIME.format(record.getInstant())).append(' ')
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
}
