package concierge.observe;

import concierge.http.CompletedRequest;
import concierge.http.RequestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request-duration histogram by operation and status, and the requests that ran out of time. A
 * request no operation served counts under {@link #UNKNOWN}, so the series are bounded by the
 * operations and statuses the server has, whatever paths clients send.
 */
final class RequestMetrics implements RequestObserver {

    static final String UNKNOWN = "unknown";

    /** 5 ms to 10 s: a fast read is a few ms, the request deadline is 30 s by default. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** "/api/connector/v1/messageThreads/getAll" is "connector/messageThreads/getAll". */
    private static final Pattern API_PATH = Pattern.compile("/api/([^/]+)/v[0-9]+/(.+)");

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> durations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> deadlines = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(CompletedRequest request) {
        String operation = request.operation().map(RequestMetrics::label).orElse(UNKNOWN);
        int status = request.status();
        durations.computeIfAbsent(operation + " " + status, key -> Timer.builder("http.server.requests")
                        .description("Requests by operation and status, from arrival to the answer written")
                        .tag("operation", operation).tag("status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(request.duration());
        if (status == 408) {
            deadlines.computeIfAbsent(operation, key -> Counter.builder("concierge.requests.deadline.exceeded")
                            .description("Requests answered 408: the request deadline passed (a slow database,"
                                    + " a body that did not arrive)")
                            .tag("operation", operation)
                            .register(registry))
                    .increment();
        }
    }

    /** Each operation's label, worked out once: the paths are the few the server registered. */
    private static final ConcurrentHashMap<String, String> LABELS = new ConcurrentHashMap<>();

    static String label(String operationPath) {
        return LABELS.computeIfAbsent(operationPath, RequestMetrics::labelOf);
    }

    private static String labelOf(String operationPath) {
        Matcher api = API_PATH.matcher(operationPath);
        if (api.matches()) {
            return api.group(1) + "/" + api.group(2);
        }
        return operationPath.startsWith("/") ? operationPath.substring(1) : operationPath;
    }
}
