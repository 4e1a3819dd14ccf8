package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.TestServers;
import concierge.testing.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * GET /metrics (docs/operations.md "Metrics"): the request histogram by operation and status, the
 * limits', deadlines', pool's and outbox's meters, in the Prometheus text format; bounded series
 * whatever paths clients send, and nothing secret in it. One server of this class's own, so the
 * counts are this class's requests; each test compares a scrape after its requests with one before.
 */
class MetricsTest extends OnBothEngines {

    private static final Map<String, String> VARIABLES = Map.of(
            "CONCIERGE_RATE_LIMIT_REQUESTS", "5",
            "CONCIERGE_AUTH_FAILURE_LIMIT", "1000000",
            "CONCIERGE_REQUEST_TIMEOUT_SECONDS", "1",
            "CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "3600");

    private static App app;

    @BeforeParameterizedClassInvocation
    static void startServer(concierge.store.Database.Engine engine) {
        app = TestServers.start(engine, VARIABLES);
    }

    @AfterAll
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    private ApiClient api() {
        return new ApiClient(app.port());
    }

    private String scrape() {
        ApiResponse response = api().send("GET", "/metrics", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        return response.body();
    }

    /** The value of the one series named so, with exactly these labels; 0 when it does not exist yet. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String requests(String operation, int status) {
        return "http_server_requests_seconds_count{operation=\"" + operation + "\",status=\"" + status + "\"}";
    }

    private Map<String, Object> getAllBody(Integration integration) {
        return integration.body("EnterpriseIds", List.of(integration.enterpriseId().toString()),
                "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10));
    }

    @Test
    void eachRequestIsCountedUnderItsOperationAndStatus() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(integration))).isOk();
        }
        assertThat(api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(integration).entrySet().stream()
                .filter(field -> !field.getKey().equals("AccessToken"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .isBadRequestNaming("AccessToken");
        String ok = requests("connector/messageThreads/getAll", 200);
        String bad = requests("connector/messageThreads/getAll", 400);
        String after = awaitScrape(now -> value(now, bad) - value(before, bad) >= 1
                && value(now, ok) - value(before, ok) >= 3);

        assertThat(value(after, ok) - value(before, ok)).isEqualTo(3);
        assertThat(value(after, bad) - value(before, bad)).isEqualTo(1);
    }

    @Test
    void theHistogramHasTheFixedBucketsFrom5MillisecondsTo10Seconds() {
        assertThat(api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(tenants.singleEnterpriseIntegration())))
                .isOk();

        String scrape = awaitScrape(now -> now.contains(
                requests("connector/messageThreads/getAll", 200)));

        String prefix = "http_server_requests_seconds_bucket{operation=\"connector/messageThreads/getAll\",status=\"200\",le=\"";
        assertThat(Pattern.compile(Pattern.quote(prefix) + "([^\"]+)\"").matcher(scrape).results()
                .map(bucket -> bucket.group(1)).toList())
                .containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
                        "+Inf");
    }

    @Test
    void manyRandomUnknownPathsAreCountedAsOneSeries() {
        String before = scrape();
        int unknown = 300;
        for (int i = 0; i < unknown; i++) {
            String path = "/scan/" + UUID.randomUUID() + (i % 2 == 0 ? "/admin.php" : "");
            assertThat(api().send(i % 3 == 0 ? "GET" : "POST", path, "{}").status()).isEqualTo(404);
        }
        String after = awaitScrape(now -> value(now, requests("unknown", 404))
                - value(before, requests("unknown", 404)) >= unknown);

        assertThat(value(after, requests("unknown", 404)) - value(before, requests("unknown", 404)))
                .isEqualTo(unknown);
        assertThat(after).doesNotContain("/scan/").doesNotContain("admin.php");
        Set<String> labels = new TreeSet<>(Pattern.compile("operation=\"([^\"]*)\"").matcher(after).results()
                .map(match -> match.group(1)).toList());
        Set<String> known = new TreeSet<>(app.operationPaths().stream().map(RequestMetrics::label).toList());
        known.addAll(List.of(RequestMetrics.UNKNOWN, "metrics"));
        assertThat(known).as("every operation label is an operation of the server, or unknown").containsAll(labels);
    }

    @Test
    void aKnownPathWithAnotherMethodIsCountedAsUnknown() {
        String before = scrape();

        assertThat(api().send("GET", Connector.MESSAGE_THREADS_GET_ALL, null).status()).isEqualTo(404);

        String after = awaitScrape(now -> value(now, requests("unknown", 404))
                - value(before, requests("unknown", 404)) >= 1);
        assertThat(value(after, requests("unknown", 404)) - value(before, requests("unknown", 404))).isEqualTo(1);
    }

    @Test
    void rateLimitRejectionsAreCounted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        String series = "concierge_rate_limit_rejections_total{limit=\"connector\"}";
        String before = scrape();

        for (int i = 0; i < 7; i++) {
            api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(integration));
        }

        assertThat(value(scrape(), series) - value(before, series)).isEqualTo(2);
    }

    @Test
    void aRequestPastItsDeadlineIsCountedAsA408() throws IOException {
        String series = "concierge_requests_deadline_exceeded_total{operation=\"connector/messageThreads/getAll\"}";
        String before = scrape();

        assertThat(sendHalfABody(Connector.MESSAGE_THREADS_GET_ALL)).startsWith("HTTP/1.1 408");

        String timedOut = requests("connector/messageThreads/getAll", 408);
        // Both awaited: a scrape reads the meters one after another, so it can see one increment and not the other.
        String after = awaitScrape(now -> value(now, series) - value(before, series) >= 1
                && value(now, timedOut) - value(before, timedOut) >= 1);
        assertThat(value(after, series) - value(before, series)).isEqualTo(1);
        assertThat(value(after, timedOut) - value(before, timedOut)).isEqualTo(1);
    }

    @Test
    void theRequestLogsWritesAndDropsAreCounted() {
        String written = "concierge_request_log_written_total";
        String before = scrape();

        assertThat(api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(tenants.singleEnterpriseIntegration())))
                .isOk();

        String after = awaitScrape(now -> value(now, written) - value(before, written) >= 1);
        assertThat(after).contains("concierge_request_log_dropped_total{reason=\"queue_full\"} 0.0",
                "concierge_request_log_dropped_total{reason=\"write_failed\"} 0.0");
    }

    @Test
    void aRequestTheServerRefusesBeforeRoutingIsCountedAsUnknown() throws IOException {
        String before = scrape();

        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + Connector.MESSAGE_THREADS_GET_ALL + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: abc\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 400");
        }

        String after = awaitScrape(now -> value(now, requests("unknown", 400)) > value(before, requests("unknown", 400)));
        assertThat(value(after, requests("unknown", 400)) - value(before, requests("unknown", 400))).isEqualTo(1);
    }

    /** Declares 100 bytes, sends 2 and waits: the server answers 408 at the deadline (1 s here). */
    private String sendHalfABody(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void thePoolsConnectionsAreShown() {
        String scrape = scrape();

        assertThat(value(scrape, "concierge_db_pool_max_connections")).isEqualTo(4);
        assertThat(value(scrape, "concierge_db_pool_active_connections")
                + value(scrape, "concierge_db_pool_idle_connections")).isBetween(1.0, 4.0);
        assertThat(scrape).contains("concierge_db_pool_pending_threads 0.0");
    }

    @Test
    void undeliveredWebhookEventsAreShownWithTheirAgeAndTheAttemptsByOutcome() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answerNext(WebhookReceiver.Answer.status(500));
            Tenants.Client client = tenants.clientWithWebhook(receiver.url("/hooks"));
            Integration integration = tenants.integration(client, tenants.enterprise());
            String series = "concierge_webhook_attempts_total{outcome=\"retry\"}";
            double retriesBefore = value(scrape(), series);
            tenants.addMessages(integration, tenants.addThread(integration).path("Id").asText(), "one", "two");

            String scrape = awaitScrape(now -> value(now, series) > retriesBefore
                    && value(now, "concierge_webhook_events_pending") >= 2);

            assertThat(value(scrape, "concierge_webhook_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
            assertThat(scrape).contains("concierge_webhook_dead_batches ");
        }
    }

    /**
     * Scrapes until {@code done} holds: a request is counted once its answer is written, so its client
     * may scrape first; the outbox read is cached for 5 s, and the dispatcher runs on its own.
     */
    private String awaitScrape(java.util.function.Predicate<String> done) {
        long giveUpAt = System.nanoTime() + 30_000_000_000L;
        String scrape = scrape();
        while (!done.test(scrape) && System.nanoTime() < giveUpAt) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            scrape = scrape();
        }
        assertThat(done).as("the awaited meters, last scrape:\n" + scrape).accepts(scrape);
        return scrape;
    }

    @Test
    void jvmAndProcessMetersAreShown() {
        assertThat(scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_gc_",
                "process_cpu_usage ", "process_uptime_seconds ", "process_files_open_files ");
    }

    @Test
    void noTokenOrSecretIsInTheMetrics() {
        Integration integration = tenants.singleEnterpriseIntegration();
        api().post(Connector.MESSAGE_THREADS_GET_ALL, getAllBody(integration));
        api().post(Connector.MESSAGE_THREADS_GET_ALL, Map.of("ClientToken", "guessed-secret-client-token",
                "AccessToken", "guessed-secret-access-token", "Client", "Scanner"));

        assertThat(scrape()).doesNotContain(integration.accessToken(), integration.client().clientToken(),
                TestServers.ADMIN_TOKEN, "guessed-secret", integration.client().id().toString());
    }

    @Test
    void manyScrapesAtOnceAreAllAnswered() throws Exception {
        ExecutorService scrapers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> scrapes = java.util.stream.IntStream.range(0, 200)
                    .mapToObj(i -> (Callable<Integer>) () -> api().send("GET", "/metrics", null).status()).toList();
            for (Future<Integer> status : scrapers.invokeAll(scrapes)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            scrapers.shutdownNow();
        }
    }

    @Test
    void onlyExactlyGetMetricsIsServed() {
        assertThat(api().send("POST", "/metrics", "{}")).isError(404);
        assertThat(api().send("GET", "/metrics/", null)).isError(404);
        assertThat(api().send("GET", "/Metrics", null)).isError(404);
    }
}
