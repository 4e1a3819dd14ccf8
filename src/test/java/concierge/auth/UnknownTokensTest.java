package concierge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §8: an unknown token costs at most one database lookup per cache time (5 s by default).
 * To see that the repeat never reaches the database, the test takes the lookup's table away after
 * the first request: a lookup would now fail (500, which a fresh unknown token shows), so a repeated
 * unknown token answered 401 was answered from memory.
 */
class UnknownTokensTest extends OnBothEngines {

    /** A server of its own per test: each test takes a table away. */
    App app;

    @Override
    protected App server() {
        app = TestServers.start(engine, Map.of());
        return app;
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void takeAwayTable(String table) {
        app.database().jdbi().useHandle(handle -> handle.execute("ALTER TABLE " + table + " RENAME TO " + table + "_gone"));
    }

    private ApiResponse connector(Tenants.Integration integration, String accessToken) {
        Map<String, Object> body = integration.body("MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10));
        body.put("AccessToken", accessToken);
        return tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }

    private ApiResponse staff(String token) {
        return tenants.staff(token, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 10)));
    }

    @Test
    void aRepeatedUnknownAccessTokenIsAnsweredWithoutALookup() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String guess = "guess-" + UUID.randomUUID();
        assertThat(connector(integration, guess)).hasStatus(401);
        takeAwayTable("integration_enterprise");
        assertThat(connector(integration, "another-" + UUID.randomUUID()))
                .as("a lookup fails now").hasStatus(500);

        ApiResponse repeat = connector(integration, guess);

        assertThat(repeat).hasStatus(401);
    }

    @Test
    void aRepeatedUnknownStaffTokenIsAnsweredWithoutALookup() {
        String guess = "guess-" + UUID.randomUUID();
        assertThat(staff(guess)).hasStatus(401);
        takeAwayTable("staff_token");
        assertThat(staff("another-" + UUID.randomUUID())).as("a lookup fails now").hasStatus(500);

        ApiResponse repeat = staff(guess);

        assertThat(repeat).hasStatus(401);
    }
}
