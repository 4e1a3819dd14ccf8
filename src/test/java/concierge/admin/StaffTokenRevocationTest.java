package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.Config;
import concierge.auth.Tokens;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §8: staff tokens can be revoked. {@code staffTokens/add} answers the token's Id,
 * {@code staffTokens/getAll} lists an enterprise's tokens (never the secrets), and
 * {@code staffTokens/disable} refuses a token from the next request on this instance, within the
 * credentials cache time on others; tokens issued before the Ids existed get one in the migration.
 */
class StaffTokenRevocationTest extends OnBothEngines {

    private record Issued(UUID id, String token) {
    }

    private static Issued issue(ApiClient api, UUID enterpriseId) {
        ApiResponse response = api.admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", enterpriseId.toString()));
        assertThat(response).isOk();
        return new Issued(UUID.fromString(response.json().path("Id").asText()),
                response.json().path("StaffToken").asText());
    }

    private static ApiResponse disable(ApiClient api, Object... ids) {
        return api.admin(Admin.STAFF_TOKENS_DISABLE, Map.of("StaffTokenIds", List.of(ids).stream().map(String::valueOf).toList()));
    }

    private static ApiResponse inbox(ApiClient api, String token) {
        return api.post(Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 10)),
                "Authorization", "Bearer " + token);
    }

    @Test
    void aDisabledStaffTokenIsRefusedFromTheNextRequest() {
        Issued issued = issue(tenants.api(), tenants.enterprise());
        assertThat(inbox(tenants.api(), issued.token())).as("in use, so remembered").isOk();

        ApiResponse disabled = disable(tenants.api(), issued.id());

        assertThat(disabled).isOk();
        assertThat(disabled.body()).isEqualTo("{}");
        ApiResponse refused = inbox(tenants.api(), issued.token());
        assertThat(refused).hasStatus(401);
    }

    @Test
    void disablingOneTokenLeavesTheEnterprisesOtherTokensWorking() {
        UUID enterprise = tenants.enterprise();
        Issued revoked = issue(tenants.api(), enterprise);
        Issued kept = issue(tenants.api(), enterprise);

        disable(tenants.api(), revoked.id());

        assertThat(inbox(tenants.api(), kept.token())).isOk();
    }

    @Test
    void disablingATokenTwiceIsNoError() {
        Issued issued = issue(tenants.api(), tenants.enterprise());
        disable(tenants.api(), issued.id());

        assertThat(disable(tenants.api(), issued.id())).isOk();
    }

    @Test
    void anUnknownIdIsRefusedNamingItAndNothingIsDisabled() {
        Issued issued = issue(tenants.api(), tenants.enterprise());

        ApiResponse response = disable(tenants.api(), issued.id(), UUID.randomUUID());

        assertThat(response).hasStatus(400);
        assertThat(response.message()).startsWith("Invalid StaffTokenIds[1]");
        assertThat(inbox(tenants.api(), issued.token())).isOk();
    }

    @Test
    void getAllListsTheEnterprisesTokensNewestFirstWithoutTheSecrets() {
        UUID enterprise = tenants.enterprise();
        Issued first = issue(tenants.api(), enterprise);
        Issued second = issue(tenants.api(), enterprise);
        issue(tenants.api(), tenants.enterprise()); // another enterprise's
        disable(tenants.api(), first.id());

        ApiResponse response = tenants.api().admin(Admin.STAFF_TOKENS_GET_ALL, Map.of("EnterpriseId", enterprise.toString()));

        assertThat(response).isOk();
        List<String> ids = new ArrayList<>();
        List<Boolean> enabled = new ArrayList<>();
        for (JsonNode token : response.json().path("StaffTokens")) {
            ids.add(token.path("Id").asText());
            enabled.add(token.path("IsEnabled").asBoolean());
            assertThat(token.path("EnterpriseId").asText()).isEqualTo(enterprise.toString());
            assertThat(token.path("CreatedUtc").asText()).isNotBlank();
        }
        assertThat(ids).containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
        assertThat(enabled.get(ids.indexOf(first.id().toString()))).isFalse();
        assertThat(enabled.get(ids.indexOf(second.id().toString()))).isTrue();
        assertThat(response.body()).doesNotContain(first.token()).doesNotContain(second.token());
    }

    @Test
    void getAllOfAnUnknownEnterpriseIsRefusedNamingIt() {
        ApiResponse response = tenants.api().admin(Admin.STAFF_TOKENS_GET_ALL,
                Map.of("EnterpriseId", UUID.randomUUID().toString()));

        assertThat(response).hasStatus(400);
        assertThat(response.message()).startsWith("Invalid EnterpriseId");
    }

    @Test
    void anotherInstanceRefusesADisabledTokenWithinTheCacheTime() {
        // Unlimited: the loop below asks as fast as it can, and the staff budget (200 in 30 s) would
        // answer 429 before the cache time had passed.
        Config config = TestConfig.on(TestDatabases.fresh(engine), TestConfig.both(TestConfig.UNLIMITED,
                Map.of("CONCIERGE_CREDENTIALS_CACHE_SECONDS", "1")));
        try (App here = App.start(config); App elsewhere = App.start(config)) {
            ApiClient hereApi = new ApiClient(here.port());
            ApiClient elsewhereApi = new ApiClient(elsewhere.port());
            Issued issued = issue(hereApi, new Tenants(here).enterprise());
            assertThat(inbox(elsewhereApi, issued.token())).as("remembered elsewhere").isOk();

            disable(hereApi, issued.id());

            long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                status = inbox(elsewhereApi, issued.token()).status();
            } while (status == 200 && System.nanoTime() < giveUpAt);
            assertThat(status).as("refused elsewhere once its cache time (1 s) passed").isEqualTo(401);
        }
    }

    @Test
    void aTokenIssuedBeforeTheMigrationGetsAnIdAndCanBeDisabled() {
        TestDatabases.Location database = TestDatabases.fresh(engine);
        String url = engine == Engine.H2
                ? database.url() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                : database.url();
        Flyway.configure().dataSource(url, database.user(), database.password())
                .locations("classpath:db/migration").target("2").load().migrate();
        UUID enterprise = UUID.randomUUID();
        String oldToken = Tokens.randomSecret();
        Jdbi.create(url, database.user(), database.password()).useHandle(handle -> {
            handle.execute("INSERT INTO enterprise (id, name, created_utc) VALUES (?, 'Old Hotel', CURRENT_TIMESTAMP)",
                    enterprise);
            handle.execute("INSERT INTO staff_token (token_hash, enterprise_id, created_utc)"
                    + " VALUES (?, ?, CURRENT_TIMESTAMP)", Tokens.hash(oldToken), enterprise);
        });
        try (App upgraded = App.start(TestConfig.on(database, Map.of()))) {
            ApiClient api = new ApiClient(upgraded.port());
            assertThat(inbox(api, oldToken)).as("still works after the upgrade").isOk();
            ApiResponse listed = api.admin(Admin.STAFF_TOKENS_GET_ALL, Map.of("EnterpriseId", enterprise.toString()));
            String id = listed.json().path("StaffTokens").get(0).path("Id").asText();

            assertThat(disable(api, id)).isOk();
            assertThat(inbox(api, oldToken)).hasStatus(401);
        }
    }
}
