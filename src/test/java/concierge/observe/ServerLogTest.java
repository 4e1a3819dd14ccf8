package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ServerProcess;
import concierge.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log as an operator sees it: the server in a process of its own with the shipped
 * logging.properties (the tests' own shows warnings only), its stdout and stderr in one file.
 */
@Tag("slow")
class ServerLogTest {

    private static final List<String> SHIPPED_LOGGING = List.of("-Djava.util.logging.config.file="
            + Path.of("src/main/resources/logging.properties").toAbsolutePath());

    @TempDir
    Path directory;

    private ServerProcess start(Map<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "CONCIERGE_DB_URL", "jdbc:h2:file:" + directory.resolve("db"),
                "CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN,
                "CONCIERGE_DEMO", "false"));
        environment.putAll(variables);
        return ServerProcess.start(environment, directory.resolve("server.log"), SHIPPED_LOGGING);
    }

    @Test
    void eachRequestIsOneTextLineEndingWithItsRequestId() {
        try (ServerProcess server = start(Map.of())) {
            ApiResponse response = new ApiClient(server.port()).send("POST", "/nothing/here", "{}");
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));

            assertThat(server.log()).containsPattern(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"
                    + " INFO concierge\\.requests: POST /nothing/here 404 \\d+\\.\\d ms: "
                    + Pattern.quote(response.message() + " " + response.header("Request-Id")) + "$"));
        }
    }

    @Test
    void aRequestAnsweredWhileStoppingIsLogged() {
        try (ServerProcess server = start(Map.of("CONCIERGE_DRAIN_SECONDS", "3"))) {
            server.terminate();
            ApiResponse response = new ApiClient(server.port()).send("POST", "/during/the/drain", "{}");
            server.awaitExit(Duration.ofSeconds(30));

            assertThat(response.status()).isEqualTo(404);
            assertThat(server.log()).contains("POST /during/the/drain 404 ")
                    .contains(response.header("Request-Id"));
        }
    }

    @Test
    void aNormalStartAndStopWriteNoWarning() {
        try (ServerProcess server = start(Map.of())) {
            new ApiClient(server.port()).send("GET", "/metrics", null);
            server.terminate();
            Integer exit = server.awaitExit(Duration.ofSeconds(30));

            assertThat(exit).as(server.log()).isNotNull();
            assertThat(server.log()).contains("Concierge is listening on")
                    .doesNotContainPattern("(?i)warn|severe|error|exception|logging implementation");
        }
    }

    @Test
    void aWarningWhileServingARequestEndsWithItsRequestId() {
        // Redis that never answers: the rate limiter allows the request and warns, inside the request.
        try (ServerProcess server = start(Map.of("CONCIERGE_REDIS_URL", "redis://127.0.0.1:1"))) {
            ApiResponse response = new ApiClient(server.port()).post(Connector.MESSAGE_THREADS_GET_ALL,
                    Map.of("ClientToken", "unknown", "AccessToken", "unknown", "Client", "Test"));
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));

            assertThat(server.log()).containsPattern(Pattern.compile("(?m)^\\S+ WARNING concierge\\.limits\\.RedisRateLimiter:"
                    + " Redis rate limiter unavailable, allowing the request .* "
                    + Pattern.quote(response.header("Request-Id")) + "$"));
        }
    }
}
