package concierge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.flywaydb.core.Flyway;
import concierge.deadline.Deadline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The one place that knows which engine runs underneath: embedded H2 (file mode, PostgreSQL
 * compatibility) or PostgreSQL. Owns the connection pool and runs the migrations at start.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    public enum Engine { H2, POSTGRESQL }

    /** How long H2 waits for a row lock outside a request; inside one, until the request's deadline. */
    private static final long H2_LOCK_TIMEOUT_MILLIS = 30_000;

    /** What H2 needs to speak the SQL we write for PostgreSQL. */
    private static final java.util.List<String> H2_OPTIONS =
            java.util.List.of("MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH",
                    // Concierge closes the database itself, after in-flight requests, not H2 at JVM exit.
                    "DB_CLOSE_ON_EXIT=FALSE",
                    // Writers to one thread wait for its row lock as long as a request may run.
                    "LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MILLIS,
                    // A commit reaches the file before the API answers 200: a killed process loses
                    // nothing it acknowledged (H2 otherwise buffers commits for up to 500 ms).
                    "WRITE_DELAY=0",
                    // H2 would keep its own log of SQL errors (<db>.trace.db), whose messages quote the
                    // value it could not store or the row of a duplicate key; Concierge logs every
                    // failure that reaches it itself, without values (LoggedFailures).
                    "TRACE_LEVEL_FILE=0");

    private final Engine engine;
    private final Jdbi jdbi;
    /** The URL with the H2 options added: what the pool and Flyway connect with. */
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int poolSize;
    /** Null until {@link #migrate()} has reached the database. */
    private volatile HikariDataSource dataSource;
    private boolean closed;

    private Database(Engine engine, String jdbcUrl, String user, String password, int poolSize) {
        this.engine = engine;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.poolSize = poolSize;
        this.jdbi = Jdbi.create(() -> connection(pool()));
        // Failures name the statement but never its bound values (message texts, token hashes): Jdbi's
        // own renderings add the values, or the driver's message, which may quote them.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(LoggedFailures::statementMessage);
        cancelAtDeadline(jdbi, engine);
        Identifiers.register(jdbi);
        jdbi.setTransactionHandler(new RetryingTransactionHandler(jdbi.getTransactionHandler()));
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(String url, String user, String password, int poolSize) {
        Database database = create(url, user, password, poolSize);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Opens the database, waiting for it while it cannot be reached: one clear log line per try, so
     * a server started before its database comes up instead of crashing. Gives up after
     * {@code patience} (zero: never).
     */
    public static Database openWhenReachable(String url, String user, String password, int poolSize,
                                             Duration patience) {
        Database database = create(url, user, password, poolSize);
        try {
            database.migrateWhenReachable(patience);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * The database, without asking anything of it yet: a server can be built, and listen, before its
     * database is there. Nothing may use it until {@link #migrate()} has succeeded.
     */
    public static Database create(String url, String user, String password, int poolSize) {
        Engine engine = engineOf(url);
        return new Database(engine, engine == Engine.H2 ? withH2Options(url) : url, user, password, poolSize);
    }

    /**
     * Opens the pool and brings the schema up to date, once; fails (at once, when nothing listens) if
     * the database cannot be reached ({@link DatabaseFailures#isUnreachable}).
     */
    public void migrate() {
        HikariDataSource pool = new HikariDataSource(poolConfig());
        try {
            // Flyway holds a second connection while it migrates: it connects on its own, outside the
            // pool, so a pool of one does not wait for itself (that looked like an unreachable database,
            // forever). The pool opens first, so its connections keep an embedded H2 database open.
            Flyway.configure()
                    .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
                    .locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        synchronized (this) {
            if (closed) {
                pool.close();
                throw new IllegalStateException("the database was closed while it was being opened");
            }
            dataSource = pool;
        }
    }

    private HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
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
            // pgjdbc otherwise quotes a failed batch entry with its values, and the server's DETAIL
            // (a duplicate key's value, a failing row), in its exception messages.
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        config.setPoolName("concierge");
        // With the database down, requests fail fast (503) instead of queueing for 30 s; a merely busy
        // pool is waited for until the request's deadline (connection(), below).
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        return config;
    }

    /** The pool; before migrate() a failure the API answers as an unreachable database (503). */
    private HikariDataSource pool() throws SQLException {
        HikariDataSource pool = dataSource;
        if (pool == null) {
            throw new SQLNonTransientConnectionException("the database is not open", "08003");
        }
        return pool;
    }

    /**
     * {@link #migrate()}, waiting for the database while it cannot be reached, with one log line per
     * try; gives up after {@code patience} (zero: never). An interrupt ends the wait.
     */
    public void migrateWhenReachable(Duration patience) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            try {
                migrate();
                return;
            } catch (RuntimeException e) {
                boolean outOfPatience = !patience.isZero() && System.nanoTime() + pause.toNanos() > giveUpAt;
                if (!DatabaseFailures.isUnreachable(e) || outOfPatience) {
                    throw e;
                }
                LOG.warning("Database not reachable at " + redacted(jdbcUrl) + " (" + rootMessage(e) + "); retrying in "
                        + pause.toSeconds() + " s");
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
            }
        }
    }

    /**
     * Whether the database answers right now, through the pool: what a readiness probe asks. Waits
     * for a connection as long as the pool's connection timeout; callers bound their own wait.
     */
    public boolean answers(Duration timeout) {
        try (Connection connection = pool().getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A connection from the pool. The pool gives up after its connection timeout; with no connection
     * failure behind that, the database is up and every connection is busy (say, 64 writers of 1000
     * messages each), so a request keeps waiting, up to its deadline (then 408), rather than answering
     * 503. An unreachable database still answers 503 within the connection timeout. The last wait
     * can end up to one connection timeout after the deadline.
     */
    private static Connection connection(HikariDataSource pool) throws SQLException {
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() != null || !Deadline.isActive()) {
                    throw e;
                }
                Deadline.check();
            }
        }
    }

    /** Makes every statement stop at the current request's deadline (see {@link Deadline}). */
    private static void cancelAtDeadline(Jdbi jdbi, Engine engine) {
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                int seconds = Deadline.secondsLeftForStatement();
                if (seconds > 0) {
                    statement.setQueryTimeout(seconds);
                }
                if (engine == Engine.H2) {
                    // H2's query timeout does not end a wait for a row lock: bound that wait too. It is a
                    // session setting, so it is set for every statement (it does not commit).
                    long lockMillis = seconds > 0 ? seconds * 1000L : H2_LOCK_TIMEOUT_MILLIS;
                    try (Statement set = statement.getConnection().createStatement()) {
                        set.execute("SET LOCK_TIMEOUT " + lockMillis);
                    }
                }
            }
        });
    }

    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
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

    /** The connection pool now: connections in use, idle, threads waiting for one, and its size. */
    public record PoolState(int active, int idle, int pending, int max) {
    }

    public PoolState poolState() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolState(0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), dataSource.getMaximumPoolSize());
    }

    public Engine engine() {
        return engine;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs {@code work} so that every statement the repositories send from this thread shares one
     * transaction (Jdbi hands a nested call the handle already open on the thread): all or nothing,
     * and one commit instead of one per row, which on the embedded database is a write to the file.
     */
    public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
