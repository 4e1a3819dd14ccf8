package concierge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which credentials authenticate a Connector request (spec D15; connector-api-notes §2, §5): the
 * stored tokens of an enabled integration, compared exactly. How the credentials are read is
 * ConnectorRequestsTest, and how a refusal is answered is ConnectorCredentialsTest.
 */
class ConnectorAuthenticationTest extends OnBothEngines {

    @Test
    void validCredentialsAreAccepted() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        assertThat(getAll(validGetAllBody(integration))).isOk();
    }

    @Test
    void unknownAccessTokenIsUnauthorized() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(integration);
        body.put("AccessToken", "00000000000000000000000000000000-0000000000000000000000000000000");

        assertThat(getAll(body)).isUnauthorized();
    }

    @Test
    void accessTokenWithAnotherClientsClientTokenIsUnauthorized() {
        Tenants.Integration mine = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(mine);
        body.put("ClientToken", theirs.client().clientToken());

        assertThat(getAll(body)).isUnauthorized();
    }

    @Test
    void accessTokenWithAnUnknownClientTokenIsUnauthorized() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("ClientToken", "not-a-client-token");

        assertThat(getAll(body)).isUnauthorized();
    }

    @Test
    void tokensAreComparedExactlyNotIgnoringCase() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(integration);
        body.put("AccessToken", integration.accessToken().toLowerCase(Locale.ROOT));

        assertThat(getAll(body)).isUnauthorized();
    }

    @Test
    void disabledIntegrationIsUnauthorized() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        assertThat(getAll(validGetAllBody(integration))).isOk();

        disable(integration);

        assertThat(getAll(validGetAllBody(integration))).isUnauthorized();
    }

    @Test
    void disablingOneIntegrationLeavesTheClientsOtherIntegrationsWorking() {
        Tenants.Client client = tenants.client();
        UUID enterprise = tenants.enterprise();
        Tenants.Integration disabled = tenants.integration(client, enterprise);
        Tenants.Integration other = tenants.integration(client, enterprise);

        disable(disabled);

        assertThat(getAll(validGetAllBody(disabled))).isUnauthorized();
        assertThat(getAll(validGetAllBody(other))).isOk();
    }

    @Test
    void disabledIntegrationCannotAddThreads() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        disable(integration);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Jane Guest", "Subject", "Parking"));

        assertThat(response).isUnauthorized();
    }

    @Test
    void unauthorizedAddCreatesNoThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Map<String, Object> body = integration.body("OriginalSender", "Jane Guest", "Subject", "Parking");
        body.put("ClientToken", tenants.client().clientToken());

        assertThat(tenants.api().post(Connector.MESSAGE_THREADS_ADD, body)).isUnauthorized();

        ApiResponse all = getAll(integration.body(
                "CreatedUtc", Map.of("StartUtc", before.toString(), "EndUtc", before.plusSeconds(3600).toString()),
                "Limitation", Map.of("Count", 10)));
        assertThat(all).isOk();
        assertThat(all.json().path("MessageThreads")).isEmpty();
    }

    private ApiResponse getAll(Map<String, Object> body) {
        return tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }

    private void disable(Tenants.Integration integration) {
        assertThat(tenants.api().admin(Admin.INTEGRATIONS_DISABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString())))).isOk();
    }

    static Map<String, Object> validGetAllBody(Tenants.Integration integration) {
        return integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10));
    }
}
