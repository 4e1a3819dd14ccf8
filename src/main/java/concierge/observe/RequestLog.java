package concierge.observe;

import concierge.http.CompletedRequest;
import concierge.http.RequestObserver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One INFO line per request on the {@value #LOGGER} logger: method, path, status, duration, caller,
 * and for an error its Message; the RequestId is on the line through the MDC (logging.properties,
 * {@link JsonLogFormatter}). Never a token, a header or the body: the caller is named by its Ids (and a
 * client by its registered name), and the parts of an error Message that may quote the body are left out.
 */
public final class RequestLog implements RequestObserver {

    public static final String LOGGER = "concierge.requests";

    /** A path longer than this is cut: a client chooses it, and the log is not its storage. */
    static final int MAX_PATH_CHARS = 200;

    /** A client's name (at most 255 characters, chosen by an admin) with its Id fits. */
    static final int MAX_CALLER_CHARS = 300;

    /** The Messages are one or two sentences; this bounds any that is not. */
    static final int MAX_ERROR_CHARS = 300;

    /** What the JSON parser quotes of the body it could not read ("Unrecognized token 'x'"), and duplicate keys. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Override
    public void completed(CompletedRequest request) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        String path = printable(request.path(), MAX_PATH_CHARS);
        // By hand rather than String.format, which was a visible share of a request's CPU (bench).
        long tenthsOfMillis = Math.round(request.duration().toNanos() / 100_000.0);
        String milliseconds = tenthsOfMillis / 10 + "." + tenthsOfMillis % 10;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.method());
        fields.put("path", path);
        request.operation().ifPresent(operation -> fields.put("operation", RequestMetrics.label(operation)));
        fields.put("status", request.status());
        fields.put("durationMs", tenthsOfMillis / 10.0);
        String caller = request.caller().map(name -> printable(name, MAX_CALLER_CHARS)).orElse(null);
        if (caller != null) {
            fields.put("caller", caller);
        }
        StringBuilder line = new StringBuilder().append(request.method()).append(' ').append(path).append(' ')
                .append(request.status()).append(' ').append(milliseconds).append(" ms");
        if (caller != null) {
            line.append(' ').append(caller);
        }
        request.error().ifPresent(message -> {
            String error = printable(QUOTED.matcher(message).replaceAll("'…'"), MAX_ERROR_CHARS);
            fields.put("error", error);
            line.append(": ").append(error);
        });
        LOG.log(new Fields(line.toString(), fields));
    }

    /** At most {@code max} characters, each a printable one: a control character cannot start a forged line. */
    private static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > max ? out.append('…').toString() : out.toString();
    }

    /**
     * A request's line with its fields, which the JSON format writes as properties of their own. Not
     * a message with parameters: a path with "{0}" in it would be formatted.
     */
    static final class Fields extends LogRecord {

        private final transient Map<String, Object> fields;

        Fields(String message, Map<String, Object> fields) {
            super(Level.INFO, message);
            setLoggerName(LOGGER);
            // Named, so the formatter does not walk the stack to find them (ObserverCost: most of the line's cost).
            setSourceClassName(RequestLog.class.getName());
            setSourceMethodName("completed");
            this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        Map<String, Object> fields() {
            return fields;
        }
    }
}
