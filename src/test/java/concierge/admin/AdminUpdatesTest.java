package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's changes (issue 14): clients/update sets or removes a WebhookUrl, integrations/enable
 * undoes integrations/disable at once. What a new URL does to pending webhooks is WebhookConsoleTest.
 */
class AdminUpdatesTest extends OnBothEngines {

    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    // --- clients/update

    @Test
    void clientsUpdateSetsTheWebhookUrlAndAnswersTheClientWithoutItsToken() {
        Client client = tenants.client();

        ApiResponse response = update(client.id().toString(), Map.of("Value", "https://example.com/new"));

        assertThat(response).isOk();
        JsonNode updated = response.json().path("Clients").get(0);
        assertThat(updated.path("Id").asText()).isEqualTo(client.id().toString());
        assertThat(updated.path("WebhookUrl").asText()).isEqualTo("https://example.com/new");
        assertThat(updated.has("ClientToken")).isFalse();
        assertThat(response.body()).doesNotContain(client.clientToken());
        assertThat(listed(client).path("WebhookUrl").asText()).isEqualTo("https://example.com/new");
    }

    @Test
    void clientsUpdateWithANullValueRemovesTheWebhookUrl() {
        Client client = tenants.clientWithWebhook("https://example.com/old");
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("Value", null);

        ApiResponse response = update(client.id().toString(), nullValue);

        assertThat(response).isOk();
        assertThat(response.json().path("Clients").get(0).path("WebhookUrl").isNull()).isTrue();
        assertThat(listed(client).path("WebhookUrl").isNull()).isTrue();
    }

    @Test
    void clientsUpdateRefusesAnUnknownClient() {
        assertThat(update(UNKNOWN_ID, Map.of("Value", "https://example.com/x"))).isBadRequestNaming("ClientId");
    }

    @Test
    void clientsUpdateRefusesAnInvalidUrlAndKeepsTheOldOne() {
        Client client = tenants.clientWithWebhook("https://example.com/old");

        ApiResponse response = update(client.id().toString(), Map.of("Value", "ftp://example.com/"));

        assertThat(response).isBadRequestNaming("WebhookUrl.Value");
        assertThat(listed(client).path("WebhookUrl").asText()).isEqualTo("https://example.com/old");
    }

    @Test
    void theClientTokenStillWorksAfterAnUpdate() {
        Integration integration = tenants.singleEnterpriseIntegration();
        update(integration.client().id().toString(), Map.of("Value", "https://example.com/new"));

        assertThat(tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", "Question"))).isOk();
    }

    // --- integrations/enable

    @Test
    void aReEnabledIntegrationsAccessTokenWorksAgainAtOnce() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> ids = Map.of("IntegrationIds", List.of(integration.id().toString()));
        assertThat(tenants.api().admin(Admin.INTEGRATIONS_DISABLE, ids)).isOk();
        assertThat(addThread(integration)).isUnauthorized();

        ApiResponse enabled = tenants.api().admin(Admin.INTEGRATIONS_ENABLE, ids);

        assertThat(enabled).isOk();
        assertThat(enabled.json().isEmpty()).isTrue();
        assertThat(addThread(integration)).isOk();
    }

    @Test
    void enablingAnEnabledIntegrationIsNoError() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ENABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString())));

        assertThat(response).isOk();
        assertThat(addThread(integration)).isOk();
    }

    @Test
    void integrationsEnableRefusesAnUnknownIdAndEnablesNothing() {
        Integration integration = tenants.singleEnterpriseIntegration();
        tenants.api().admin(Admin.INTEGRATIONS_DISABLE, Map.of("IntegrationIds", List.of(integration.id().toString())));

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ENABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString(), UUID.randomUUID().toString())));

        assertThat(response).isBadRequestNaming("IntegrationIds[1]");
        assertThat(addThread(integration)).isUnauthorized();
    }

    private ApiResponse update(String clientId, Map<String, Object> webhookUrl) {
        return tenants.api().admin(Admin.CLIENTS_UPDATE, Map.of("ClientId", clientId, "WebhookUrl", webhookUrl));
    }

    private JsonNode listed(Client client) {
        ApiResponse response = tenants.api().admin(Admin.CLIENTS_GET_ALL,
                Map.of("ClientIds", List.of(client.id().toString()), "Limitation", Map.of("Count", 1)));
        assertThat(response).isOk();
        return response.json().path("Clients").get(0);
    }

    private ApiResponse addThread(Integration integration) {
        return tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", "Question"));
    }
}
