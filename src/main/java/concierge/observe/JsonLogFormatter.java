package concierge.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.logging.common.HelidonMdc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code CONCIERGE_LOG_FORMAT=json}: each record as one JSON object on one line, with time (UTC),
 * level, logger, message, the RequestId of the request being served (Helidon's MDC), a failure's
 * stack trace, and a request line's fields ({@link RequestLog}) as properties of their own.
 * Helidon's HelidonJsonFormatter writes the MDC too, but only text fields and with the values put
 * into a format string, where a "%" or "$" of a client's path would break the line.
 */
public final class JsonLogFormatter extends Formatter {

    /** The MDC key the HTTP edge sets while it serves a request (http.Exchange). */
    static final String REQUEST_ID = "RequestId";

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", record.getInstant().toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("logger", record.getLoggerName());
            json.writeStringField("message", formatMessage(record));
            HelidonMdc.get(REQUEST_ID).ifPresent(id -> write(json, REQUEST_ID, id));
            if (record instanceof RequestLog.Fields request) {
                for (Map.Entry<String, Object> field : request.fields().entrySet()) {
                    json.writeObjectField(field.getKey(), field.getValue());
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                json.writeStringField("exception", trace.toString());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static void write(JsonGenerator json, String name, String value) {
        try {
            json.writeStringField(name, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
