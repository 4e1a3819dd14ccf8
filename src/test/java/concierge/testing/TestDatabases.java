package concierge.testing;

import concierge.store.Database.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for tests: an in-memory H2, or a new schema in the local PostgreSQL.
 * PostgreSQL must be up in CI (CI=true): there a missing server fails the run. On a laptop without it
 * the PostgreSQL half of the suite is skipped with the reason printed.
 */
public final class TestDatabases {

    public static final String PG_URL = env("CONCIERGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("CONCIERGE_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("CONCIERGE_TEST_PG_PASSWORD", "");

    private TestDatabases() {
    }

    public record Location(String url, String user, String password) {
    }

    public static Location fresh(Engine engine) {
        return switch (engine) {
            case H2 -> new Location("jdbc:h2:mem:concierge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "");
            case POSTGRESQL -> freshPostgresSchema();
        };
    }

    private static Location freshPostgresSchema() {
        String schema = "concierge_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + ": " + e.getMessage();
            if (isCi()) {
                throw new IllegalStateException(reason + " (CI must run every test on PostgreSQL)", e);
            }
            System.err.println("SKIPPING PostgreSQL tests: " + reason);
            Assumptions.abort(reason);
        }
        String separator = PG_URL.contains("?") ? "&" : "?";
        return new Location(PG_URL + separator + "currentSchema=" + schema, PG_USER, PG_PASSWORD);
    }

    public static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
