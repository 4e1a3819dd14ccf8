package concierge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ServerProcess;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §3: without CONCIERGE_ADMIN_TOKEN a random admin token is generated at start and printed once;
 * issue 10 §8: a configured one shorter than 32 characters stops start-up, naming the variable.
 */
class AdminTokenTest {

    private static final Map<String, Object> ONE_ENTERPRISE = Map.of("Enterprises", List.of(Map.of("Name", "Hotel")));

    @Test
    void unsetAdminTokenIsGeneratedAndAuthorizesTheAdminApi() {
        try (App app = App.start(embedded(TestConfig.UNSET))) {
            String token = app.report().generatedAdminToken();

            assertThat(token).isNotBlank();
            ApiResponse response = new ApiClient(app.port())
                    .post(Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer " + token);
            assertThat(response).isOk();
        }
    }

    @Test
    void generatedAdminTokenIsPrintedExactlyOnceInTheStartupBanner() {
        try (App app = App.start(embedded(TestConfig.UNSET))) {
            String token = app.report().generatedAdminToken();

            String banner = Main.banner(app.report());

            assertThat(banner.split(token, -1)).hasSize(2);
        }
    }

    @Test
    void eachStartGeneratesADifferentAdminToken() {
        String first;
        try (App app = App.start(embedded(TestConfig.UNSET))) {
            first = app.report().generatedAdminToken();
        }
        try (App app = App.start(embedded(TestConfig.UNSET))) {
            assertThat(app.report().generatedAdminToken()).isNotEqualTo(first);
        }
    }

    @Test
    void configuredAdminTokenIsNeitherReplacedNorPrinted() {
        try (App app = App.start(embedded("configured-secret-of-at-least-32-characters"))) {
            ApiClient api = new ApiClient(app.port());

            assertThat(app.report().generatedAdminToken()).isNull();
            assertThat(Main.banner(app.report())).doesNotContain("configured-secret-of-at-least-32-characters");
            assertThat(api.post(Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer configured-secret-of-at-least-32-characters")).isOk();
            assertThat(api.post(Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer wrong")).hasStatus(401);
        }
    }

    @Test
    void aShortAdminTokenStopsStartUpWithAMessageNamingTheVariable(@TempDir Path directory) {
        Map<String, String> environment = Map.of("CONCIERGE_ADMIN_TOKEN", "change-me",
                "CONCIERGE_DB_URL", "jdbc:h2:file:" + directory.resolve("db"));

        assertThatThrownBy(() -> ServerProcess.start(environment, directory.resolve("server.log")).close())
                .hasMessageContaining("the server exited with 2")
                .hasMessageContaining("CONCIERGE_ADMIN_TOKEN must be at least 32 characters long, was 9");
    }

    @Test
    void anAdminTokenOfThirtyTwoCharactersIsAccepted() {
        String token = "x".repeat(Config.MIN_ADMIN_TOKEN_LENGTH);
        try (App app = App.start(embedded(token))) {
            ApiResponse response = new ApiClient(app.port())
                    .post(Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer " + token);
            assertThat(response).isOk();
        }
    }

    /** An in-memory embedded database, no demo data, this CONCIERGE_ADMIN_TOKEN (UNSET: none configured). */
    private static Config embedded(String adminToken) {
        return TestConfig.on(TestDatabases.fresh(Engine.H2), Map.of("CONCIERGE_ADMIN_TOKEN", adminToken));
    }
}
