package concierge.testing;

import concierge.App;
import concierge.Config;
import java.util.EnumMap;
import java.util.Map;

/**
 * One running Concierge per engine, shared by the whole test run (tests isolate themselves by
 * provisioning their own enterprises and clients). Demo data is off; the admin token is fixed; the
 * rate limit is out of reach.
 */
public final class TestServers {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static final Map<Engine, App> RUNNING = new EnumMap<>(Engine.class);

    private TestServers() {
    }

    public static synchronized App running(Engine engine) {
        App app = RUNNING.get(engine);
        if (app == null) {
            // Tests page through thousands of items with one token: the shared servers' budget is
            // effectively unlimited; rate-limit tests start servers of their own.
            app = start(engine, Config.defaults().withDemo(false).withRateLimit(1_000_000, 30));
            RUNNING.put(engine, app);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app;
    }

    /** A server of its own, on a fresh database, for tests that need a particular configuration. */
    public static App start(Engine engine, Config config) {
        TestDatabases.Location database = TestDatabases.fresh(engine);
        return App.start(config.withPort(0)
                .withDatabase(database.url(), database.user(), database.password())
                .withAdminToken(ADMIN_TOKEN));
    }
}
