package concierge.testing;

import concierge.App;
import concierge.Config;
import java.util.EnumMap;
import java.util.Map;

/**
 * One running Concierge per engine, shared by the whole test run (tests isolate themselves by
 * provisioning their own enterprises and clients). Demo data is off; the admin token is fixed; the
 * rate limits and the throttle on failed authentications are out of reach.
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
            // Tests page through thousands of items with one token, and every test class answers its
            // 401s to the one loopback address: the shared servers' budgets are effectively unlimited;
            // tests of the limits start servers of their own.
            Config config = Config.defaults().withDemo(false).withRateLimit(1_000_000, 30);
            app = start(engine, config.withAccess(config.access().withStaffRateLimit(1_000_000, 30)
                    .withAuthFailureLimit(1_000_000, 60)));
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
