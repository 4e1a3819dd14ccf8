package concierge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.messaging.MessageThread;
import concierge.store.Database.Engine;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnBothEngines;
import concierge.testing.TestServers;
import concierge.testing.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Not part of the suite (no timed assertions anywhere): how long the admin reset takes over HTTP, on
 * the demo data alone and on a database that also holds 1,000 threads of 10 messages each, appended to
 * bench/results/reset.md. Run it with {@code ./mvnw -B test -Dtest=ResetBench -Dconcierge.bench=reset}.
 */
@EnabledIfSystemProperty(named = "concierge.bench", matches = "reset")
class ResetBench extends OnBothEngines {

    private static final int SAMPLES = 30;
    private static final int LOADED_SAMPLES = 5;
    private static final int THREADS = 1_000;
    private static final int MESSAGES_PER_THREAD = 10;

    static App app;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        app = TestServers.startWithResetAllowed(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void resetOfTheDemoDataAndOfALoadedDatabase() throws IOException {
        for (int i = 0; i < 5; i++) {
            reset(); // warm-up
        }
        List<Double> demoOnly = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            demoOnly.add(reset());
        }
        List<Double> loaded = new ArrayList<>();
        for (int i = 0; i < LOADED_SAMPLES; i++) {
            load();
            loaded.add(reset());
        }
        String line = "| " + Instant.now().toString().substring(0, 16) + "Z | " + engine + " | "
                + summary(demoOnly) + " | " + summary(loaded) + " | " + loadAverage() + " |\n";
        System.out.print(line);
        Files.writeString(Path.of("bench/results/reset.md"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private double reset() {
        long start = System.nanoTime();
        assertThat(tenants.api().admin(Admin.RESET, Map.of())).isOk();
        return (System.nanoTime() - start) / 1e6;
    }

    /** A tenant of 1,000 threads and 10,000 messages, written straight into the database. */
    private void load() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, THREADS, Instant.parse("2025-01-01T00:00:00Z"), 60);
        List<Tenants.Seed> seeds = new ArrayList<>();
        for (MessageThread thread : threads) {
            for (int m = 0; m < MESSAGES_PER_THREAD; m++) {
                seeds.add(new Tenants.Seed(thread.id().value(), thread.createdUtc().plusSeconds(m)));
            }
        }
        tenants.seedMessages(integration, integration.enterpriseId(), seeds);
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("median %.0f ms, max %.0f ms (n=%d)", sorted.get(sorted.size() / 2), sorted.getLast(),
                sorted.size());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
