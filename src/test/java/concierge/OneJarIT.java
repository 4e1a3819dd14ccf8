package concierge;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.demo.DemoData;
import concierge.store.Database.Engine;
import concierge.testing.ApiPaths;
import concierge.testing.TestDatabases;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The artefact as an operator gets it: target/concierge.jar copied alone into an empty directory and
 * started with {@code java -jar}, nothing else on its class path. Runs in the verify phase (failsafe),
 * after the jar is built; a missing jar fails, it does not skip.
 */
@Isolated("starts and stops JVMs of its own, and times out if the machine is busy with other classes")
class OneJarIT {

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LISTENING = Pattern.compile("Concierge is listening on http://localhost:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    @TempDir
    Path temp;

    @Test
    void versionNamesTheVersionTheCommitAndTheBuildTimeAndStartsNothing() throws Exception {
        Path jar = jarAloneIn(temp.resolve("run"));

        Process process = java(List.of(), jar, List.of("--version"), Map.of(), temp.resolve("version.log"));

        assertThat(process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("--version returned").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(temp.resolve("version.log")).strip())
                .matches("concierge " + Pattern.quote(System.getProperty("concierge.version"))
                        + " \\(commit ([0-9a-f]{7,}|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)");
        try (var left = Files.list(jar.getParent())) {
            assertThat(left).as("what --version left beside the jar").containsExactly(jar);
        }
    }

    @Test
    void anUnknownArgumentIsRefusedWithTheUsage() throws Exception {
        Path jar = jarAloneIn(temp.resolve("run"));

        Process process = java(List.of(), jar, List.of("--port=9000"), Map.of(), temp.resolve("unknown.log"));

        assertThat(process.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the refusal returned").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(temp.resolve("unknown.log"))).contains("--port=9000").contains("Usage:");
    }

    @Test
    void onTheEmbeddedDatabaseItServesTheDemoDataAndStopsQuietlyOnSigterm() throws Exception {
        Path jar = jarAloneIn(temp.resolve("run"));
        Path archive = temp.resolve("concierge.jsa");
        Path log = temp.resolve("server.log");
        // the launcher's class-data flags (./concierge run): the archive is written when this run stops
        List<String> launcherFlags = List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds*=error", "-Xlog:cds*=warning:file=" + temp.resolve("cds.log") + "::filecount=0");

        Process server = java(launcherFlags, jar, List.of(),
                Map.of("CONCIERGE_DB_URL", "jdbc:h2:file:" + temp.resolve("db/concierge")), log);
        try {
            int port = awaitListening(server, log);

            HttpResponse<String> answer = demoGetAll(port);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(DemoData.EXAMPLE_THREAD.toString());
        } finally {
            server.destroy(); // SIGTERM
        }
        assertThat(server.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        assertThat(server.exitValue()).as("the JVM's code for SIGTERM").isEqualTo(143);
        assertThat(Files.readString(log)).doesNotContainIgnoringCase("warning");
        assertThat(archive).as("the class-data archive this stop wrote").exists();
    }

    @Test
    void onPostgresqlItMigratesTheSchemaAndServesTheDemoData() throws Exception {
        Path jar = jarAloneIn(temp.resolve("run"));
        Path log = temp.resolve("server.log");
        TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);

        Process server = java(List.of(), jar, List.of(), Map.of("CONCIERGE_DB_URL", database.url(),
                "CONCIERGE_DB_USER", database.user(), "CONCIERGE_DB_PASSWORD", database.password(),
                "CONCIERGE_DEMO", "true", "CONCIERGE_DB_POOL_SIZE", "2"), log);
        try {
            int port = awaitListening(server, log);

            HttpResponse<String> answer = demoGetAll(port);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(DemoData.EXAMPLE_THREAD.toString());
        } finally {
            server.destroy();
        }
        assertThat(server.waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        assertThat(Files.readString(log)).doesNotContainIgnoringCase("warning");
    }

    /** target/concierge.jar copied into an empty directory of its own. */
    private static Path jarAloneIn(Path directory) throws IOException {
        Path built = Path.of(System.getProperty("concierge.jar", "(concierge.jar is not set: run through mvn verify)"));
        assertThat(built).as("the jar the package phase built").isRegularFile();
        Files.createDirectories(directory);
        return Files.copy(built, directory.resolve("concierge.jar"));
    }

    /** {@code java [jvmFlags] -jar concierge.jar [arguments]} in the jar's directory, with only our CONCIERGE_*. */
    private static Process java(List<String> jvmFlags, Path jar, List<String> arguments, Map<String, String> environment,
            Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONCIERGE_") || name.startsWith("JAVA_TOOL"));
        builder.environment().putAll(environment);
        builder.environment().put("CONCIERGE_HOST", "127.0.0.1");
        builder.environment().put("CONCIERGE_PORT", "0");
        return builder.start();
    }

    /** The port the banner names, once it is printed; fails with the log if the process exits or stalls. */
    private static int awaitListening(Process server, Path log) throws IOException, InterruptedException {
        long giveUpAt = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < giveUpAt) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!server.isAlive()) {
                throw new AssertionError("the jar exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        server.destroyForcibly();
        throw new AssertionError("the jar did not start within " + START_PATIENCE + ":\n" + Files.readString(log));
    }

    /** README's first getAll: the demo portfolio's threads of 3–14 March 2022. */
    private static HttpResponse<String> demoGetAll(int port) throws IOException, InterruptedException {
        String body = """
                {"ClientToken":"%s","AccessToken":"%s","Client":"Sample Client 1.0.0",
                 "EnterpriseIds":["3fa85f64-5717-4562-b3fc-2c963f66afa6","4d0201db-36f5-428b-8d11-4f0a65e960cc"],
                 "CreatedUtc":{"StartUtc":"2022-03-03T00:00:00Z","EndUtc":"2022-03-14T00:00:00Z"},
                 "Limitation":{"Count":10}}""".formatted(DemoData.CLIENT_TOKEN, DemoData.ACCESS_TOKEN);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + ApiPaths.Connector.MESSAGE_THREADS_GET_ALL))
                .timeout(CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
