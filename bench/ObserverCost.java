import concierge.http.CompletedRequest;
import concierge.http.RequestObserver;
import concierge.observe.Metrics;
import concierge.observe.RequestLog;
import io.helidon.logging.common.HelidonMdc;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What the request observers cost per request, in CPU time of the calling thread (so a machine busy
 * with other work changes little): the metrics (histogram by operation and status), the log line
 * (the shipped logging.properties, written to /dev/null instead of stdout), and both. Each request
 * is a getAll answered 200 in 3 ms with a RequestId in the MDC, as the server tells its observers.
 *
 * Run: java -cp target-bench/concierge.jar:target-bench/libs/* bench/ObserverCost.java
 */
public final class ObserverCost {

    private static final int WARMUP = 200_000;
    private static final int CALLS = 200_000;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        System.setOut(new PrintStream(new FileOutputStream("/dev/null"), false));
        try (var in = Files.newInputStream(Path.of("src/main/resources/logging.properties"))) {
            java.util.logging.LogManager.getLogManager().readConfiguration(in);
        }
        Metrics metrics = new Metrics();
        RequestObserver log = new RequestLog();
        List<Case> cases = List.of(new Case("nothing (the loop)", request -> { }),
                new Case("metrics", metrics.requests()), new Case("log line", log),
                new Case("both", RequestObserver.all(List.of(metrics.requests(), log))));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        CompletedRequest[] requests = new CompletedRequest[1024];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new CompletedRequest(Instant.now(), "POST", "/api/connector/v1/messageThreads/getAll",
                    Optional.of("/api/connector/v1/messageThreads/getAll"), 200, Duration.ofNanos(3_000_000 + i * 1000L),
                    UUID.randomUUID().toString(), Optional.of("client " + UUID.randomUUID()), Optional.empty());
        }
        StringBuilder table = new StringBuilder("| observer | CPU µs per request (median of " + ROUNDS
                + " rounds of " + CALLS + ") | min | max |\n| --- | --- | --- | --- |\n");
        for (Case c : cases) {
            run(c.observer(), requests, WARMUP);
            double[] perCall = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long start = cpu.getCurrentThreadCpuTime();
                run(c.observer(), requests, CALLS);
                perCall[round] = (cpu.getCurrentThreadCpuTime() - start) / 1000.0 / CALLS;
            }
            java.util.Arrays.sort(perCall);
            table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", c.name(), perCall[ROUNDS / 2],
                    perCall[0], perCall[ROUNDS - 1]));
        }
        System.err.print(table);
        metrics.close();
    }

    private record Case(String name, RequestObserver observer) {
    }

    private static void run(RequestObserver observer, CompletedRequest[] requests, int calls) {
        for (int i = 0; i < calls; i++) {
            CompletedRequest request = requests[i & (requests.length - 1)];
            HelidonMdc.set("RequestId", request.requestId());
            observer.completed(request);
            HelidonMdc.remove("RequestId");
        }
    }
}
