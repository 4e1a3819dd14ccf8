package concierge;

import concierge.demo.DemoData;
import concierge.http.docs.ApiDocs;
import concierge.observe.JsonLogFormatter;
import concierge.observe.ServerLogManager;
import concierge.store.LoggedFailures;
import java.util.concurrent.CancellationException;

/** Starts Concierge from the environment and tells the operator how to use it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            // Before anything logs: the manager is chosen once, when java.util.logging starts.
            System.setProperty("java.util.logging.manager", ServerLogManager.class.getName());
        }
        if (args.length > 0) {
            System.exit(answerWithoutStarting(args));
            return;
        }
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (Config.InvalidConfigException e) {
            System.err.println("Concierge cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        configureLogging(config.observe().logFormat());
        App app;
        try {
            app = App.starting(config);
        } catch (RuntimeException e) {
            couldNotStart(e);
            return;
        }
        // SIGTERM: unready at once, serving on through the drain period, then stopped.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.drainAndClose(config.drainPeriod());
            // The log's writer is a background thread: what it has not written yet is written now.
            for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
                handler.flush();
            }
        }, "concierge-shutdown"));
        app.started().whenComplete((report, failure) -> {
            if (failure == null) {
                System.out.println(banner(report));
            } else if (!(failure instanceof CancellationException)) { // cancelled: stopped while starting
                couldNotStart(failure);
            }
        });
        warnUnlessOutOfMemoryExits();
    }

    /** Everything is configured through the environment; the only arguments ask about the build. */
    static int answerWithoutStarting(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(BuildInfo.ofThisBuild().describe());
            return 0;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        System.err.println("Concierge takes no argument but --version or --help, not: " + String.join(" ", args)
                + "\n" + USAGE);
        return 2;
    }

    private static final String USAGE = """
            Usage: java -jar concierge.jar [--version | --help]
            With no argument, starts the server, configured through CONCIERGE_* environment variables
            (README.md, "Configuration"): by default on port 8080 with an embedded database and demo data.""";

    /** Exits from a thread of its own: the caller may be the start-up thread, which the shutdown waits for. */
    private static void couldNotStart(Throwable failure) {
        System.err.println("Concierge could not start: " + failure);
        failure.printStackTrace();
        Thread.ofPlatform().name("concierge-exit").start(() -> System.exit(1));
    }

    /** Launchers other than ./concierge may leave the flag out; a JVM that outlives an OutOfMemoryError may have lost any thread. */
    private static void warnUnlessOutOfMemoryExits() {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        if (vm != null && !Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue())) {
            System.err.println("Warning: the JVM runs without -XX:+ExitOnOutOfMemoryError. Add it, so that an"
                    + " instance that ran out of memory exits (and is restarted) instead of serving half-alive.");
        }
    }

    /**
     * Our logging.properties, unless the operator points java.util.logging at another file; either
     * way, database failures are logged without the values of their statements, and in JSON when
     * asked. Helidon is told to leave the configuration alone: at start it would otherwise read a
     * logging.properties of its own finding again, and drop the JSON format and the redaction.
     */
    private static void configureLogging(Config.LogFormat format) {
        System.setProperty("io.helidon.logging.config.disabled", "true");
        if (System.getProperty("java.util.logging.config.file") == null) {
            try (var in = Main.class.getResourceAsStream("/logging.properties")) {
                if (in != null) {
                    java.util.logging.LogManager.getLogManager().readConfiguration(in);
                }
            } catch (java.io.IOException e) {
                System.err.println("Could not read logging.properties: " + e.getMessage());
            }
        }
        if (format == Config.LogFormat.JSON) {
            for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
        LoggedFailures.redactInEveryHandler();
    }

    static String banner(App.StartupReport report) {
        String base = "http://localhost:" + report.port();
        String reference = "API reference (every operation; OpenAPI 3.1 at " + ApiDocs.DOCUMENT_PATH + "): " + base + ApiDocs.PATH + "\n";
        StringBuilder text = new StringBuilder()
                .append("\nConcierge is listening on ").append(base).append(" (database: ").append(report.engine())
                .append(")\n");
        report.adminAddress().ifPresent(admin -> text.append("The admin API is served only on http://").append(admin)
                .append(" (CONCIERGE_ADMIN_PORT)\n"));
        text.append("Integrator's console (sign in with the admin token): ")
                .append(report.adminAddress().map(admin -> "http://" + admin).orElse(base)).append("/console\n");
        if (report.generatedAdminToken() != null) {
            text.append("Admin token (generated, shown only now; set CONCIERGE_ADMIN_TOKEN to choose one): ")
                    .append(report.generatedAdminToken()).append('\n');
        }
        if (report.demo()) {
            text.append(report.seeded() ? "Demo data seeded.\n" : "Demo data present.\n")
                    .append("  ClientToken:                ").append(DemoData.CLIENT_TOKEN).append('\n')
                    .append("  AccessToken (portfolio):    ").append(DemoData.ACCESS_TOKEN).append('\n')
                    .append("  AccessToken (Washington):   ").append(DemoData.WASHINGTON_ACCESS_TOKEN).append('\n')
                    .append("  Second client ClientToken: ").append(DemoData.SECOND_CLIENT_TOKEN).append('\n')
                    .append("  Second client AccessToken: ").append(DemoData.SECOND_ACCESS_TOKEN).append('\n')
                    .append("  Staff token (London):       ").append(DemoData.LONDON_STAFF_TOKEN).append('\n')
                    .append("  Staff token (Washington):   ").append(DemoData.WASHINGTON_STAFF_TOKEN).append('\n')
                    .append("Staff inbox (sign in with a staff token): ").append(base).append("/inbox\n")
                    .append(reference)
                    .append("Try it:\n")
                    .append("curl -s -X POST ").append(base).append("/api/connector/v1/messageThreads/getAll \\\n")
                    .append("  -H 'Content-Type: application/json' \\\n")
                    .append("  -d '{\"ClientToken\":\"").append(DemoData.CLIENT_TOKEN).append("\",\"AccessToken\":\"")
                    .append(DemoData.ACCESS_TOKEN).append("\",\"Client\":\"Sample Client 1.0.0\",")
                    .append("\"EnterpriseIds\":[\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"4d0201db-36f5-428b-8d11-4f0a65e960cc\"],")
                    .append("\"CreatedUtc\":{\"StartUtc\":\"2022-03-03T00:00:00Z\",\"EndUtc\":\"2022-03-14T00:00:00Z\"},")
                    .append("\"Limitation\":{\"Cursor\":\"e7f26210-10e7-462e-9da8-ae8300be8ab7\",\"Count\":10}}'\n");
        } else {
            text.append(reference);
        }
        return text.toString();
    }
}
