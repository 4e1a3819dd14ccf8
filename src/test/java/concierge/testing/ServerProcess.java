package concierge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Concierge as an operator runs it: {@code concierge.Main} in a JVM of its own (the test JVM's java
 * and class path), configured only through the environment, so the test can kill it for real.
 * Its output goes to a log file that {@link #log()} returns for failure messages.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path logFile;

    private ServerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the server with {@code environment} (CONCIERGE_PORT is chosen here) and waits until it
     * is ready ({@code /health/ready} answers 200). Every other CONCIERGE_* variable of the test's environment is removed.
     */
    public static ServerProcess start(Map<String, String> environment, Path logFile) {
        return start(environment, logFile, List.of());
    }

    /** As {@link #start(Map, Path)}, with {@code jvmOptions} (system properties) before the main class. */
    public static ServerProcess start(Map<String, String> environment, Path logFile, List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        int port = PrivatePostgres.freePort();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add("concierge.Main");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("CONCIERGE_"));
        builder.environment().putAll(environment);
        builder.environment().put("CONCIERGE_HOST", "127.0.0.1");
        builder.environment().put("CONCIERGE_PORT", Integer.toString(port));
        try {
            ServerProcess server = new ServerProcess(builder.start(), port, logFile);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: what an orchestrator sends to stop the server. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, or null when the process has not exited within {@code patience}. */
    public Integer awaitExit(Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the server printed so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(Duration patience) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                // listening, still starting
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > giveUpAt) {
                close();
                throw new IllegalStateException("the server did not answer within " + patience + ":\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
