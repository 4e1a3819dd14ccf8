package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin API of spec §3: the operations, what they store and answer, and the refusals a stored
 * row decides (an unknown client, enterprise or integration). Who may call it is
 * AdminAuthorizationTest; how each body is read, AdminRequestsTest.
 */
class AdminApiTest extends OnBothEngines {

    /** The shape of the public API's tokens: an Id in upper-case hex, a dash, 31 hex digits. */
    private static final String TOKEN_SHAPE = "^[0-9A-F]{32}-[0-9A-F]{31}$";
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    // --- enterprises/add ---

    @Test
    void enterprisesAddAnswersIdAndNameForEachEnterprise() {
        String name = "Hotel " + UUID.randomUUID();

        ApiResponse response = tenants.api().admin(Admin.ENTERPRISES_ADD, enterprisesBody(name));

        assertThat(response).isOk();
        assertThat(fieldNames(response.json())).containsExactly("Enterprises");
        JsonNode enterprise = single(response.json().path("Enterprises"));
        assertThat(fieldNames(enterprise)).containsExactlyInAnyOrder("Id", "Name");
        assertIsLowerCaseUuid(enterprise.path("Id"));
        assertThat(enterprise.path("Name").asText()).isEqualTo(name);
    }

    // --- clients/add ---

    @Test
    void clientsAddAnswersIdNameClientTokenAndWebhookUrl() {
        String name = "App " + UUID.randomUUID();

        ApiResponse response = tenants.api().admin(Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", name, "WebhookUrl", "https://example.com/hooks/mews"))));

        assertThat(response).isOk();
        assertThat(fieldNames(response.json())).containsExactly("Clients");
        JsonNode client = single(response.json().path("Clients"));
        assertThat(fieldNames(client)).containsExactlyInAnyOrder("Id", "Name", "ClientToken", "WebhookUrl");
        assertIsLowerCaseUuid(client.path("Id"));
        assertThat(client.path("Name").asText()).isEqualTo(name);
        assertThat(client.path("ClientToken").isTextual()).isTrue();
        assertThat(client.path("WebhookUrl").asText()).isEqualTo("https://example.com/hooks/mews");
    }

    @Test
    void clientsAddWithoutWebhookUrlAnswersNullWebhookUrl() {
        ApiResponse response = tenants.api().admin(Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", "App " + UUID.randomUUID()))));

        assertThat(response).isOk();
        JsonNode client = single(response.json().path("Clients"));
        assertThat(client.has("WebhookUrl")).as(client.toString()).isTrue();
        assertThat(client.path("WebhookUrl").isNull()).as(client.toString()).isTrue();
    }

    @Test
    void clientsAddWritesNothingWhenOneItemIsInvalid() {
        String validName = "App " + UUID.randomUUID();

        ApiResponse response = tenants.api().admin(Admin.CLIENTS_ADD, Map.of("Clients", List.of(
                Map.of("Name", validName),
                Map.of("Name", "App " + UUID.randomUUID(), "WebhookUrl", "ftp://x"))));

        assertThat(response).isBadRequestNaming("Clients[1].WebhookUrl");
        assertThat(count("SELECT COUNT(*) FROM client WHERE name = :value", validName)).isZero();
    }

    // --- integrations/add ---

    @Test
    void integrationsAddAnswersTheDocumentedShape() {
        Tenants.Client client = tenants.client();
        UUID enterprise = tenants.enterprise();

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD, integrationsBody(client.id(), enterprise));

        assertThat(response).isOk();
        assertThat(fieldNames(response.json())).containsExactly("Integrations");
        JsonNode integration = single(response.json().path("Integrations"));
        assertThat(fieldNames(integration))
                .containsExactlyInAnyOrder("Id", "ClientId", "EnterpriseIds", "AccessToken", "IsPortfolio");
        assertIsLowerCaseUuid(integration.path("Id"));
        assertThat(integration.path("ClientId").asText()).isEqualTo(client.id().toString());
        assertThat(texts(integration.path("EnterpriseIds"))).containsExactly(enterprise.toString());
        assertThat(integration.path("AccessToken").isTextual()).isTrue();
    }

    @Test
    void integrationWithOneEnterpriseIsNotPortfolio() {
        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD,
                integrationsBody(tenants.client().id(), tenants.enterprise()));

        assertThat(response).isOk();
        assertThat(single(response.json().path("Integrations")).path("IsPortfolio").isBoolean()).isTrue();
        assertThat(single(response.json().path("Integrations")).path("IsPortfolio").booleanValue()).isFalse();
    }

    @Test
    void integrationWithMoreThanOneEnterpriseIsPortfolio() {
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD,
                integrationsBody(tenants.client().id(), first, second));

        assertThat(response).isOk();
        JsonNode integration = single(response.json().path("Integrations"));
        assertThat(integration.path("IsPortfolio").booleanValue()).isTrue();
        assertThat(texts(integration.path("EnterpriseIds"))).containsExactly(first.toString(), second.toString());
    }

    @Test
    void integrationsAddRefusesAnUnknownClient() {
        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD, Map.of("Integrations", List.of(
                Map.of("ClientId", UNKNOWN_ID, "EnterpriseIds", List.of(tenants.enterprise().toString())))));

        assertThat(response).isBadRequestNaming("Integrations[0].ClientId");
    }

    @Test
    void integrationsAddRefusesAnUnknownEnterprise() {
        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD, Map.of("Integrations", List.of(
                Map.of("ClientId", tenants.client().id().toString(), "EnterpriseIds", List.of(UNKNOWN_ID)))));

        assertThat(response).isBadRequestNaming("Integrations[0].EnterpriseIds[0]");
    }

    @Test
    void integrationsAddWritesNothingWhenOneItemIsInvalid() {
        Tenants.Client client = tenants.client();
        UUID enterprise = tenants.enterprise();

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_ADD, Map.of("Integrations", List.of(
                Map.of("ClientId", client.id().toString(), "EnterpriseIds", List.of(enterprise.toString())),
                Map.of("ClientId", client.id().toString(),
                        "EnterpriseIds", List.of(enterprise.toString(), UNKNOWN_ID)))));

        assertThat(response).isBadRequestNaming("Integrations[1].EnterpriseIds[1]");
        assertThat(count("SELECT COUNT(*) FROM integration WHERE client_id = :value", client.id())).isZero();
    }

    @Test
    void issuedTokensAuthenticateOnTheConnectorApi() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "MessageThreadIds", List.of(UNKNOWN_ID), "Limitation", Map.of("Count", 1)));

        assertThat(response).isOk();
    }

    // --- integrations/disable ---

    @Test
    void disabledIntegrationsAccessTokenGets401OnTheConnectorApi() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> request = integration.body(
                "MessageThreadIds", List.of(UNKNOWN_ID), "Limitation", Map.of("Count", 1));
        assertThat(tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, request)).isOk();

        ApiResponse disabled = tenants.api().admin(Admin.INTEGRATIONS_DISABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString())));
        ApiResponse afterwards = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, request);

        assertThat(disabled).isOk();
        assertThat(disabled.json().isObject() && disabled.json().isEmpty()).as(disabled.toString()).isTrue();
        assertThat(afterwards).isUnauthorized();
    }

    @Test
    void disablingOneIntegrationLeavesTheClientsOtherIntegrationsWorking() {
        Tenants.Client client = tenants.client();
        Tenants.Integration disabled = tenants.integration(client, tenants.enterprise());
        Tenants.Integration other = tenants.integration(client, tenants.enterprise());

        tenants.api().admin(Admin.INTEGRATIONS_DISABLE, Map.of("IntegrationIds", List.of(disabled.id().toString())));
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, other.body(
                "MessageThreadIds", List.of(UNKNOWN_ID), "Limitation", Map.of("Count", 1)));

        assertThat(response).isOk();
    }

    @Test
    void integrationsDisableRefusesAnUnknownId() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_DISABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString(), UNKNOWN_ID)));

        assertThat(response).isBadRequestNaming("IntegrationIds[1]");
        assertThat(count("SELECT COUNT(*) FROM integration WHERE id = :value AND is_enabled", integration.id()))
                .as("an invalid batch disables nothing").isEqualTo(1);
    }

    // --- staffTokens/add ---

    @Test
    void staffTokensAddAnswersTheTokensIdAndTheToken() {
        ApiResponse response = tenants.api().admin(Admin.STAFF_TOKENS_ADD,
                Map.of("EnterpriseId", tenants.enterprise().toString()));

        assertThat(response).isOk();
        assertThat(fieldNames(response.json())).containsExactly("Id", "EnterpriseId", "StaffToken");
        assertThat(response.json().path("StaffToken").isTextual()).isTrue();
        assertThat(response.json().path("StaffToken").asText()).isNotBlank();
    }

    @Test
    void staffTokensAddRefusesAnUnknownEnterprise() {
        ApiResponse response = tenants.api().admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", UNKNOWN_ID));

        assertThat(response).isBadRequestNaming("EnterpriseId");
    }

    // --- webhooks/replay ---

    @Test
    void replayingBatchesThatAreNotDeadIsAnIdempotentNoOp() {
        Map<String, Object> request = Map.of("BatchIds", List.of(UNKNOWN_ID));

        ApiResponse first = tenants.api().admin(Admin.WEBHOOKS_REPLAY, request);
        ApiResponse second = tenants.api().admin(Admin.WEBHOOKS_REPLAY, request);

        assertThat(first).isOk();
        assertThat(first.json().path("EventCount").asInt(-1)).isZero();
        assertThat(second.json()).isEqualTo(first.json());
    }

    // --- tokens ---

    @Test
    void issuedClientTokenHasThePublicApisTokenShape() {
        assertThat(tenants.client().clientToken()).matches(TOKEN_SHAPE);
    }

    @Test
    void issuedAccessTokenHasThePublicApisTokenShape() {
        assertThat(tenants.singleEnterpriseIntegration().accessToken()).matches(TOKEN_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "StaffToken"})
    void tokensAreStoredOnlyAsHashes(String kind) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, String> issued = Map.of(
                "ClientToken", integration.client().clientToken(),
                "AccessToken", integration.accessToken(),
                "StaffToken", tenants.staffToken(integration.enterpriseId()));
        String token = issued.get(kind);

        List<String> stored = Stream.of("client", "integration", "staff_token")
                .flatMap(table -> allValues(table).stream()).toList();

        assertThat(token).isNotBlank();
        assertThat(stored).as("the rows of the new client, integration and staff token are there").isNotEmpty();
        assertThat(stored).noneMatch(value -> value.toLowerCase().contains(token.toLowerCase()));
    }

    // --- helpers ---

    private static Map<String, Object> enterprisesBody(String name) {
        return Map.of("Enterprises", List.of(Map.of("Name", name)));
    }

    private static Map<String, Object> integrationsBody(UUID clientId, UUID... enterpriseIds) {
        return Map.of("Integrations", List.of(Map.of("ClientId", clientId.toString(),
                "EnterpriseIds", List.of(enterpriseIds).stream().map(UUID::toString).toList())));
    }

    private static void assertIsLowerCaseUuid(JsonNode id) {
        assertThat(id.asText()).isEqualTo(UUID.fromString(id.asText()).toString());
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        assertThat(array).hasSize(1);
        return array.get(0);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private long count(String sql, Object value) {
        return server().database().jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind("value", value).mapTo(Long.class).one());
    }

    /** Every column value of every row of a table, as text. */
    private List<String> allValues(String table) {
        return server().database().jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM " + table)
                .mapToMap().list()).stream()
                .flatMap(row -> row.values().stream())
                .filter(value -> value != null)
                .map(String::valueOf)
                .toList();
    }
}
