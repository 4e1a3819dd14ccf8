package concierge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of the test's own, on a free port under a temporary directory, which the test
 * may stop and start at will (never the machine's main server on 5432). Made with {@code initdb};
 * the test is skipped when the PostgreSQL binaries are missing, except in CI where that fails.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of(System.getenv().getOrDefault("CONCIERGE_TEST_PG_BIN",
            "/usr/lib/postgresql/15/bin"));

    private final Path directory;
    private final Path data;
    private final int port;
    private boolean running;

    private PrivatePostgres(Path directory, int port) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
    }

    /** Creates the cluster (initdb) without starting it. */
    public static PrivatePostgres create() {
        Path initdb = BIN.resolve("initdb");
        if (!Files.isExecutable(initdb)) {
            String reason = "no PostgreSQL initdb at " + initdb + " (set CONCIERGE_TEST_PG_BIN)";
            if (TestDatabases.isCi()) {
                throw new IllegalStateException(reason + " (CI must run the database outage tests)");
            }
            System.err.println("SKIPPING private PostgreSQL tests: " + reason);
            Assumptions.abort(reason);
        }
        try {
            Path directory = Files.createTempDirectory("concierge-pg-");
            if (isRoot()) {
                // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
                run(List.of("chown", "postgres:postgres", directory.toString()), false);
            }
            PrivatePostgres cluster = new PrivatePostgres(directory, freePort());
            run(List.of(initdb.toString(), "-D", cluster.data.toString(), "-A", "trust", "-U", "postgres",
                    "--no-sync"), true);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public synchronized void start() {
        if (!running) {
            run(List.of("rm", "-f", data.resolve("standby.signal").toString()), true); // a primary, not a standby
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "30",
                    "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start"), true);
            running = true;
        }
    }

    /**
     * Starts the cluster as a standby that accepts no connections ({@code hot_standby=off}): every
     * client is refused with SQLSTATE 57P03, as while a database is still starting up, until
     * {@link #promote()}.
     */
    public synchronized void startStillStartingUp() {
        if (!running) {
            run(List.of("touch", data.resolve("standby.signal").toString()), true);
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "30",
                    "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c hot_standby=off",
                    "start"), true);
            running = true;
        }
    }

    /** Ends the standby state: the cluster accepts connections. */
    public synchronized void promote() {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "30", "promote"), true);
    }

    /** Stops the cluster at once, as a crash would: no waiting for clients. */
    public synchronized void stopImmediately() {
        if (running) {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop"), true);
            running = false;
        }
    }

    @Override
    public void close() {
        try {
            stopImmediately();
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
