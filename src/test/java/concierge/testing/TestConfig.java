package concierge.testing;

import concierge.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * A test's configuration, built as production builds it: {@link Config#fromEnvironment} of the README's
 * variables. A test names only the variables it is about; the rest are a test server's (below) or
 * Concierge's defaults.
 */
public final class TestConfig {

    /** An empty variable counts as unset, as in production: this takes back one of a test server's variables. */
    public static final String UNSET = "";

    /**
     * Budgets out of reach: tests page through thousands of items with one token, and every test class
     * answers its 401s to the one loopback address. Tests of the limits set their own.
     */
    public static final Map<String, String> UNLIMITED = Map.of(
            "CONCIERGE_RATE_LIMIT_REQUESTS", "1000000",
            "CONCIERGE_STAFF_RATE_LIMIT_REQUESTS", "1000000",
            "CONCIERGE_AUTH_FAILURE_LIMIT", "1000000");

    /**
     * The pool of a test's own server (CONCIERGE_DB_POOL_SIZE, 16 by default): its test sends a few
     * requests at a time. Test classes run in parallel, each may hold a few such servers, and
     * PostgreSQL takes 100 connections in all (max_connections), shared with the one shared server
     * per engine and with anyone else's tests on 127.0.0.1:5432; a pool opens all its connections at
     * start. A test of the pool sets its own size.
     */
    static final String OWN_SERVER_POOL_SIZE = "4";

    private TestConfig() {
    }

    /**
     * A test server on {@code database}: any free port, the fixed admin token, no demo data, a small
     * pool ({@link #OWN_SERVER_POOL_SIZE}); then {@code variables}, which win.
     */
    public static Config on(TestDatabases.Location database, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CONCIERGE_PORT", "0",
                "CONCIERGE_DB_URL", database.url(),
                "CONCIERGE_DB_USER", database.user(),
                "CONCIERGE_DB_PASSWORD", database.password(),
                "CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN,
                "CONCIERGE_DEMO", "false",
                "CONCIERGE_DB_POOL_SIZE", OWN_SERVER_POOL_SIZE));
        env.putAll(variables);
        return Config.fromEnvironment(env);
    }

    /** {@code first} and {@code second} in one map; where both name a variable, {@code second} wins. */
    public static Map<String, String> both(Map<String, String> first, Map<String, String> second) {
        Map<String, String> env = new HashMap<>(first);
        env.putAll(second);
        return Map.copyOf(env);
    }
}
