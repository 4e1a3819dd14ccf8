package concierge.testing;

import concierge.App;
import concierge.store.Database.Engine;
import java.util.EnumMap;
import java.util.Map;

/**
 * One running Concierge per engine, shared by the whole test run (tests isolate themselves by
 * provisioning their own enterprises and clients). Demo data is off; the admin token is fixed; the
 * rate limits and the throttle on failed authentications are out of reach ({@link TestConfig#UNLIMITED});
 * the admin reset is refused (403).
 */
public final class TestServers {

    /** As long as start-up requires (Config.MIN_ADMIN_TOKEN_LENGTH). */
    public static final String ADMIN_TOKEN = "test-admin-token-of-the-concierge-tests";

    private static final Map<Engine, App> RUNNING = new EnumMap<>(Engine.class);

    private TestServers() {
    }

    public static synchronized App running(Engine engine) {
        App app = RUNNING.get(engine);
        if (app == null) {
            // The production pool: every test class running at the time shares this server.
            // No reset: it would delete the tenants of every test class running at the time.
            app = start(engine, TestConfig.both(TestConfig.UNLIMITED, Map.of("CONCIERGE_DB_POOL_SIZE", TestConfig.UNSET,
                    "CONCIERGE_ALLOW_RESET", "false")));
            RUNNING.put(engine, app);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app;
    }

    /**
     * A server of its own, on a fresh database, for tests that need a particular configuration: the
     * variables of {@link TestConfig#on} and then {@code variables} (README "Configuration").
     */
    public static App start(Engine engine, Map<String, String> variables) {
        return App.start(TestConfig.on(TestDatabases.fresh(engine), variables));
    }

    /** A server of its own whose admin API has a listener of its own, on a free loopback port ({@link App#adminPort()}). */
    public static App startWithAnAdminListener(Engine engine) {
        return start(engine, Map.of("CONCIERGE_ADMIN_PORT", "0"));
    }

    /** A server of its own that allows the admin reset (the shared ones refuse it), rate limits out of reach. */
    public static App startWithResetAllowed(Engine engine) {
        return start(engine, TestConfig.both(TestConfig.UNLIMITED, Map.of("CONCIERGE_ALLOW_RESET", "true")));
    }
}
