import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An anonymous caller asking GET /health/ready in a loop (bench/results/health-probes.md):
 * java bench/HealthProbeLoop.java PORT CALLERS REQUESTS_EACH. Prints statuses, req/s and latencies.
 */
public class HealthProbeLoop {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int callers = Integer.parseInt(args[1]);
        int each = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int c = 0; c < callers; c++) {
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long t = System.nanoTime();
                        try {
                            int status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                        micros.add((System.nanoTime() - t) / 1000);
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("callers=%d requests=%d statuses=%s %.0f req/s p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                callers, sorted.size(), new TreeMap<>(statuses), sorted.size() / seconds,
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 99 / 100) / 1000.0,
                sorted.getLast() / 1000.0);
    }
}
