package concierge.requestlog;

import concierge.http.BodyHead;
import concierge.http.CompletedRequest;
import concierge.http.ConnectorRequestLogging;
import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import concierge.store.Database;
import concierge.testing.OnBothEngines;
import concierge.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the suite (no timed assertions anywhere): what one logged getAll costs, in two parts
 * that the harness's throughput cannot separate on a busy machine. The request's thread: the CPU time
 * of {@link ConnectorRequestLogging#completed} (masking, queueing) for a getAll of Count 100. The
 * writer: the wall time per row of batch inserts of such rows, an upper bound of the CPU they cost
 * the server and the database together (the writer waits for each batch). Printed; the numbers are in
 * bench/results/2026-12-01/request-log-cost.md. Run with
 * {@code ./mvnw -B test -Dtest=RequestLogCostBench -Dconcierge.bench=request-log}.
 */
@EnabledIfSystemProperty(named = "concierge.bench", matches = "request-log")
class RequestLogCostBench extends OnBothEngines {

    private static final int CALLS = 200_000;
    private static final int ROWS = 50_000;

    @Test
    void perRequestCpuOnTheRequestThreadAndPerRowWallTimeOfTheWriter() {
        measure(engine);
    }

    /**
     * The suite's JVM runs with C1 only (pom: TieredStopAtLevel=1), which makes these loops several
     * times slower than the server's; for the server's compiler, run this with plain java on the test
     * class path: {@code java -cp … concierge.requestlog.RequestLogCostBench POSTGRESQL}.
     */
    public static void main(String[] args) {
        measure(Database.Engine.valueOf(args[0]));
    }

    static void measure(Database.Engine engine) {
        byte[] request = ("{\"ClientToken\":\"E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D\","
                + "\"AccessToken\":\"C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D\","
                + "\"Client\":\"Concierge bench 1.0\",\"CreatedUtc\":{\"StartUtc\":\"2026-10-01T00:00:00Z\","
                + "\"EndUtc\":\"2026-10-31T00:00:00Z\"},\"Limitation\":{\"Count\":100}}").getBytes(StandardCharsets.UTF_8);
        StringBuilder page = new StringBuilder("{\"MessageThreads\":[");
        for (int i = 0; i < 100; i++) {
            page.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(UUID.randomUUID())
                    .append("\",\"OriginalSender\":\"Guest ").append(i).append("\",\"Subject\":\"Late check-out\","
                            + "\"CreatedUtc\":\"2026-10-02T10:00:00Z\",\"UpdatedUtc\":\"2026-10-02T11:00:00Z\","
                            + "\"IsResolved\":false}");
        }
        byte[] answer = page.append("],\"Cursor\":\"").append(UUID.randomUUID()).append("\"}").toString()
                .getBytes(StandardCharsets.UTF_8);

        RequestLogWriter discarding = new RequestLogWriter(new DiscardingRequestLogStore(), new RequestLogWriter.Retention(
                Duration.ofDays(7), 1_000_000), Clock.systemUTC());
        ConnectorRequestLogging logging = new ConnectorRequestLogging(discarding);
        CompletedRequest completed = new CompletedRequest(Instant.now(), "POST",
                "/api/connector/v1/messageThreads/getAll", Optional.of("/api/connector/v1/messageThreads/getAll"), 200,
                Duration.ofMillis(3), UUID.randomUUID().toString(), Optional.of("client"), Optional.empty(),
                Optional.of(new ClientId(UUID.randomUUID())), Optional.of(new IntegrationId(UUID.randomUUID())),
                new BodyHead(request, request.length, request.length),
                new BodyHead(answer, Math.min(answer.length, Integer.getInteger("answerBytes", 2048)), answer.length));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < CALLS; i++) {
                logging.completed(completed);
                if (i % RequestLogWriter.BATCH == 0) {
                    discarding.writeRound();
                }
            }
            long nanos = cpu.getCurrentThreadCpuTime() - start;
            System.out.printf("request-log-cost %s request thread: %.1f µs CPU per getAll (request %d B, answer %d B)%n",
                    engine, nanos / 1000.0 / CALLS, request.length, answer.length);
        }

        TestDatabases.Location location = TestDatabases.fresh(engine);
        try (Database database = Database.open(location.url(), location.user(), location.password(), 2)) {
            JdbiRequestLogStore store = new JdbiRequestLogStore(database.jdbi());
            String answerText = new String(answer, 0, Math.min(answer.length, Integer.getInteger("answerBytes", 2048)), StandardCharsets.UTF_8);
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                for (int written = 0; written < ROWS; written += RequestLogWriter.BATCH) {
                    List<LoggedRequest> batch = new ArrayList<>();
                    for (int i = 0; i < RequestLogWriter.BATCH; i++) {
                        batch.add(new LoggedRequest(UUID.randomUUID(), Instant.now(), "messageThreads/getAll", 200, 3000,
                                Optional.of(new ClientId(UUID.randomUUID())), Optional.of(new IntegrationId(UUID.randomUUID())),
                                Optional.empty(), new String(request, StandardCharsets.UTF_8), answerText));
                    }
                    store.add(batch);
                }
                long nanos = System.nanoTime() - start;
                System.out.printf("request-log-cost %s writer: %.1f µs wall per row in batches of %d (%d rows)%n",
                        engine, nanos / 1000.0 / ROWS, RequestLogWriter.BATCH, ROWS);
            }
            if (engine == Database.Engine.POSTGRESQL) {
                database.jdbi().useHandle(handle -> System.out.printf(
                        "request-log-cost table and indexes: %d bytes for %d rows%n",
                        handle.createQuery("SELECT pg_total_relation_size('request_log')").mapTo(Long.class).one(),
                        handle.createQuery("SELECT COUNT(*) FROM request_log").mapTo(Long.class).one()));
            }
        }
    }
}
