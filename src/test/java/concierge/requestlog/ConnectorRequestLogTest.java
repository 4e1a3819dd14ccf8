package concierge.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.LoggedRequests;
import concierge.testing.OnBothEngines;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the server logs of Connector requests, read back through admin requests/getAll. */
class ConnectorRequestLogTest extends OnBothEngines {

    /** How long a test waits for the background writer (it writes every 200 ms). */

    @Test
    void aConnectorRequestIsLoggedWithEveryField() {
        Integration integration = tenants.singleEnterpriseIntegration();
        ApiResponse added = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", "Late check-out?"));
        assertThat(added).isOk();

        JsonNode logged = LoggedRequests.await(server(), added.header("Request-Id"));

        assertThat(logged.path("Operation").asText()).isEqualTo("messageThreads/add");
        assertThat(logged.path("Status").asInt()).isEqualTo(200);
        assertThat(logged.path("CreatedUtc").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(logged.path("DurationMilliseconds").asDouble()).isPositive();
        assertThat(logged.path("ClientId").asText()).isEqualTo(integration.client().id().toString());
        assertThat(logged.path("IntegrationId").asText()).isEqualTo(integration.id().toString());
        assertThat(logged.path("Message").isNull()).isTrue();
        assertThat(logged.path("RequestBody").asText()).contains("\"Subject\":\"Late check-out?\"");
        assertThat(logged.path("ResponseBody").asText())
                .contains(added.json().path("MessageThreads").get(0).path("Id").asText());
    }

    @Test
    void theTokensShowOnlyTheirLastFourCharactersInBothBodies() {
        Integration integration = tenants.singleEnterpriseIntegration();
        ApiResponse listed = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, listing(integration));
        assertThat(listed).isOk();

        JsonNode logged = LoggedRequests.await(server(), listed.header("Request-Id"));

        String clientToken = integration.client().clientToken();
        String accessToken = integration.accessToken();
        assertThat(logged.path("RequestBody").asText())
                .contains("\"ClientToken\":\"****" + clientToken.substring(clientToken.length() - 4) + "\"")
                .contains("\"AccessToken\":\"****" + accessToken.substring(accessToken.length() - 4) + "\"");
        for (String body : List.of(logged.path("RequestBody").asText(), logged.path("ResponseBody").asText())) {
            assertThat(body).doesNotContain(clientToken).doesNotContain(accessToken.substring(0, accessToken.length() - 4));
        }
    }

    @Test
    void anErrorIsLoggedWithItsMessage() {
        Integration integration = tenants.singleEnterpriseIntegration();
        ApiResponse refused = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", ""));
        assertThat(refused).isBadRequestNaming("Subject");

        JsonNode logged = LoggedRequests.await(server(), refused.header("Request-Id"));

        assertThat(logged.path("Status").asInt()).isEqualTo(400);
        assertThat(logged.path("Message").asText()).isEqualTo(refused.message());
        assertThat(logged.path("ClientId").asText()).isEqualTo(integration.client().id().toString());
        assertThat(logged.path("ResponseBody").asText()).contains(refused.header("Request-Id"));
    }

    @Test
    void unknownCredentialsAreLoggedWithoutAClientAndMasked() {
        String guessed = "guessed-access-token-0123456789-ABCD";
        ApiResponse refused = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, Map.of(
                "ClientToken", "guessed-client-token-0123456789-WXYZ", "AccessToken", guessed, "Client", "Prober",
                "Limitation", Map.of("Count", 10)));
        assertThat(refused).isUnauthorized();

        JsonNode logged = LoggedRequests.await(server(), refused.header("Request-Id"));

        assertThat(logged.path("Status").asInt()).isEqualTo(401);
        assertThat(logged.path("ClientId").isNull()).isTrue();
        assertThat(logged.path("RequestBody").asText()).contains("\"AccessToken\":\"****ABCD\"").doesNotContain(guessed);
    }

    @Test
    void anUnknownConnectorPathIsLoggedUnderItsName() {
        ApiResponse notFound = tenants.api().post(Connector.PREFIX + "messageThreads/getall", Map.of());
        assertThat(notFound).isError(404);

        JsonNode logged = LoggedRequests.await(server(), notFound.header("Request-Id"));

        assertThat(logged.path("Operation").asText()).isEqualTo("messageThreads/getall");
        assertThat(logged.path("Status").asInt()).isEqualTo(404);
    }

    /** The log is the Connector API's: staff and admin requests are not in it. */
    @Test
    void staffAndAdminRequestsAreNotLogged() {
        Integration integration = tenants.singleEnterpriseIntegration();
        ApiResponse staff = tenants.api().post(Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 10)),
                "Authorization", "Bearer " + tenants.staffToken(integration.enterpriseId()));
        ApiResponse admin = tenants.api().admin(Admin.STAFF_TOKENS_GET_ALL,
                Map.of("EnterpriseId", integration.enterpriseId().toString()));
        ApiResponse later = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL,
                listing(integration));
        // Entries are written in the order the requests ended: once the later one is in, the others would be.
        LoggedRequests.await(server(), later.header("Request-Id"));

        ApiResponse found = tenants.api().admin(Admin.REQUESTS_GET_ALL, Map.of(
                "RequestIds", List.of(staff.header("Request-Id"), admin.header("Request-Id")),
                "Limitation", Map.of("Count", 10)));

        assertThat(found).isOk();
        assertThat(found.json().path("Requests")).isEmpty();
    }

    /** A huge body (here with bad credentials: anyone can send one) is kept cut, and says so. */
    @Test
    void aLargeBodyIsLoggedCutAtItsLimit() {
        String text = "x".repeat(1_000_000);
        ApiResponse refused = tenants.api().post(Connector.MESSAGES_ADD, Map.of("ClientToken", "unknown-client-token",
                "AccessToken", "unknown-access-token", "Client", "Flooder", "Messages", List.of(Map.of("Text", text))));
        assertThat(refused).isUnauthorized();

        String body = LoggedRequests.await(server(), refused.header("Request-Id")).path("RequestBody").asText();

        assertThat(body.length()).isLessThanOrEqualTo(RequestLogWriter.MAX_BODY_CHARS);
        assertThat(body).contains("[cut: the log keeps the first");
    }

    /** The log's table refuses every row: the requests are answered as ever, and the loss is counted. */
    @Test
    void aFailingWriteNeverFailsARequestAndIsCounted() {
        try (App app = TestServers.start(engine, TestConfig.UNLIMITED)) {
            app.database().jdbi().useHandle(handle -> handle.execute(
                    "ALTER TABLE request_log ADD CONSTRAINT request_log_refuses_all CHECK (status < 0)"));
            var own = new concierge.testing.Tenants(app);
            Integration integration = own.singleEnterpriseIntegration();

            for (int i = 0; i < 5; i++) {
                assertThat(own.api().post(Connector.MESSAGE_THREADS_GET_ALL,
                        listing(integration))).isOk();
            }

            long deadline = System.nanoTime() + LoggedRequests.PATIENCE.toNanos();
            long failed = 0;
            while (failed < 5 && System.nanoTime() < deadline) {
                ApiResponse log = own.api().admin(Admin.REQUESTS_GET_ALL, Map.of("Limitation", Map.of("Count", 10)));
                assertThat(log).isOk();
                assertThat(log.json().path("Requests")).isEmpty();
                failed = log.json().path("NotLogged").path("WriteFailed").asLong();
                LoggedRequests.pause();
            }
            assertThat(failed).isEqualTo(5);
        }
    }

    /** A valid messageThreads/getAll: threads created in the last hour. */
    private static Map<String, Object> listing(Integration integration) {
        java.time.Instant now = java.time.Instant.now();
        return integration.body("CreatedUtc", Map.of("StartUtc", now.minus(Duration.ofHours(1)).toString(),
                "EndUtc", now.plus(Duration.ofMinutes(1)).toString()), "Limitation", Map.of("Count", 10));
    }
}
