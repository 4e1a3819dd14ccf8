package concierge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that knows which engine runs underneath: embedded H2 (file mode, PostgreSQL
 * compatibility) or PostgreSQL. Owns the connection pool and runs the migrations at start.
 */
public final class Database implements AutoCloseable {

    public enum Engine { H2, POSTGRESQL }

    /** What H2 needs to speak the SQL we write for PostgreSQL. */
    private static final java.util.List<String> H2_OPTIONS =
            java.util.List.of("MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH",
                    // Concierge closes the database itself, after in-flight requests, not H2 at JVM exit.
                    "DB_CLOSE_ON_EXIT=FALSE");

    private final Engine engine;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Engine engine, HikariDataSource dataSource) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(String url, String user, String password, int poolSize) {
        Engine engine = engineOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(engine == Engine.H2 ? withH2Options(url) : url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        if (engine == Engine.POSTGRESQL) {
            // A batch of inserts travels as multi-row INSERTs: 1000 messages in a few round trips.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        config.setPoolName("concierge");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(engine, dataSource);
    }

    static Engine engineOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Engine.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "CONCIERGE_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL, was '" + url + "'");
    }

    /** A plain H2 URL works as given: each compatibility option is added unless the URL sets it. */
    static String withH2Options(String url) {
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        for (String option : H2_OPTIONS) {
            String key = option.substring(0, option.indexOf('=') + 1).toUpperCase(java.util.Locale.ROOT);
            if (!upper.contains(";" + key)) {
                result.append(';').append(option);
            }
        }
        return result.toString();
    }

    public Engine engine() {
        return engine;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
