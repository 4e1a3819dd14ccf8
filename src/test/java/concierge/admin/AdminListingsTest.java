package concierge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console's listings (issue 14): enterprises/getAll, clients/getAll and integrations/getAll page
 * newest first with a Cursor, narrow by their filters, and never show a token or its hash. Each test
 * filters by what it provisioned (the shared server holds every test's tenants).
 */
class AdminListingsTest extends OnBothEngines {

    @Test
    void enterprisesArePagedNewestFirstWithTheLastIdAsCursor() {
        List<String> ids = List.of(enterprise(), enterprise(), enterprise());

        List<JsonNode> listed = walk(Admin.ENTERPRISES_GET_ALL, "Enterprises", Map.of("EnterpriseIds", ids), 2);

        assertThat(listed).extracting(item -> item.path("Id").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed).extracting(item -> item.path("CreatedUtc").asText())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void anEnterpriseIsListedWithItsNameAndCreatedUtc() {
        String name = "Hotel " + UUID.randomUUID();
        String id = tenants.api().admin(Admin.ENTERPRISES_ADD, Map.of("Enterprises", List.of(Map.of("Name", name))))
                .json().path("Enterprises").get(0).path("Id").asText();

        JsonNode listed = page(Admin.ENTERPRISES_GET_ALL, Map.of("EnterpriseIds", List.of(id)), 10)
                .json().path("Enterprises").get(0);

        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("Id", "Name", "CreatedUtc");
        assertThat(listed.path("Name").asText()).isEqualTo(name);
        assertThat(listed.path("CreatedUtc").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void clientsAreListedWithTheirWebhookUrlAndNeverTheirToken() {
        Client client = tenants.clientWithWebhook("https://example.com/hook?key=1");

        ApiResponse response = page(Admin.CLIENTS_GET_ALL, Map.of("ClientIds", List.of(client.id().toString())), 10);

        JsonNode listed = response.json().path("Clients").get(0);
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("Id", "Name", "WebhookUrl", "CreatedUtc");
        assertThat(listed.path("WebhookUrl").asText()).isEqualTo("https://example.com/hook?key=1");
        assertThat(response.body()).doesNotContain(client.clientToken()).doesNotContain(sha256(client.clientToken()));
    }

    @Test
    void clientsArePagedWithoutRepeatsOrGaps() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(tenants.client().id().toString());
        }

        List<JsonNode> listed = walk(Admin.CLIENTS_GET_ALL, "Clients", Map.of("ClientIds", ids), 2);

        assertThat(listed).extracting(item -> item.path("Id").asText()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void anIntegrationShowsItsEnterprisesInOrderWhetherPortfolioAndEnabledAndNeverItsToken() {
        UUID first = UUID.fromString(enterprise());
        UUID second = UUID.fromString(enterprise());
        Integration portfolio = tenants.integration(tenants.client(), second, first);

        ApiResponse response = page(Admin.INTEGRATIONS_GET_ALL,
                Map.of("IntegrationIds", List.of(portfolio.id().toString())), 10);

        JsonNode listed = response.json().path("Integrations").get(0);
        assertThat(fieldNames(listed))
                .containsExactlyInAnyOrder("Id", "ClientId", "EnterpriseIds", "IsPortfolio", "IsEnabled", "CreatedUtc");
        assertThat(listed.path("ClientId").asText()).isEqualTo(portfolio.client().id().toString());
        assertThat(listed.path("EnterpriseIds")).extracting(JsonNode::asText)
                .containsExactly(second.toString(), first.toString());
        assertThat(listed.path("IsPortfolio").asBoolean()).isTrue();
        assertThat(listed.path("IsEnabled").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain(portfolio.accessToken()).doesNotContain(sha256(portfolio.accessToken()));
    }

    @Test
    void integrationsAreNarrowedByClientEnterpriseAndIsEnabledTogether() {
        Client client = tenants.client();
        UUID hotel = UUID.fromString(enterprise());
        UUID otherHotel = UUID.fromString(enterprise());
        Integration wanted = tenants.integration(client, otherHotel, hotel);
        Integration disabled = tenants.integration(client, hotel);
        tenants.integration(client, otherHotel);
        tenants.integration(tenants.client(), hotel);
        assertThat(tenants.api().admin(Admin.INTEGRATIONS_DISABLE,
                Map.of("IntegrationIds", List.of(disabled.id().toString())))).isOk();

        List<JsonNode> listed = walk(Admin.INTEGRATIONS_GET_ALL, "Integrations", Map.of(
                "ClientIds", List.of(client.id().toString()), "EnterpriseIds", List.of(hotel.toString()),
                "IsEnabled", true), 10);

        assertThat(listed).extracting(item -> item.path("Id").asText()).containsExactly(wanted.id().toString());
    }

    @Test
    void aDisabledIntegrationIsListedAsDisabled() {
        Integration integration = tenants.singleEnterpriseIntegration();
        tenants.api().admin(Admin.INTEGRATIONS_DISABLE, Map.of("IntegrationIds", List.of(integration.id().toString())));

        JsonNode listed = walk(Admin.INTEGRATIONS_GET_ALL, "Integrations",
                Map.of("ClientIds", List.of(integration.client().id().toString()), "IsEnabled", false), 10).getFirst();

        assertThat(listed.path("Id").asText()).isEqualTo(integration.id().toString());
        assertThat(listed.path("IsEnabled").asBoolean()).isFalse();
        assertThat(listed.path("IsPortfolio").asBoolean()).isFalse();
    }

    @Test
    void anEmptyPageHasANullCursor() {
        ApiResponse response = page(Admin.CLIENTS_GET_ALL, Map.of("ClientIds", List.of(UUID.randomUUID().toString())), 10);

        assertThat(response).isOk();
        assertThat(response.json().path("Clients")).isEmpty();
        assertThat(response.json().path("Cursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0", "1001"})
    void aCountOutsideOneToTheMaximumIsRefused(int count) {
        for (String path : List.of(Admin.ENTERPRISES_GET_ALL, Admin.CLIENTS_GET_ALL, Admin.INTEGRATIONS_GET_ALL)) {
            assertThat(page(path, Map.of(), count)).as(path).isBadRequestNaming("Limitation.Count");
        }
    }

    /** A Cursor is the Id of an item of the same list: another kind of Id is refused, as the Connector API refuses a foreign one. */
    @Test
    void aCursorThatIsAnotherKindOfIdIsRefused() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, String> cursors = Map.of(
                Admin.ENTERPRISES_GET_ALL, integration.client().id().toString(),
                Admin.CLIENTS_GET_ALL, integration.id().toString(),
                Admin.INTEGRATIONS_GET_ALL, integration.enterpriseId().toString());

        cursors.forEach((path, cursor) -> assertThat(tenants.api().admin(path,
                Map.of("Limitation", Map.of("Count", 10, "Cursor", cursor)))).as(path).isBadRequestNaming("Cursor"));
    }

    @Test
    void aCursorNeedNotMatchTheFilter() {
        String filtered = enterprise();
        String outside = enterprise();

        ApiResponse response = tenants.api().admin(Admin.ENTERPRISES_GET_ALL,
                Map.of("EnterpriseIds", List.of(filtered), "Limitation", Map.of("Count", 10, "Cursor", outside)));

        assertThat(response).isOk();
    }

    @Test
    void aClientsAccessTokenStillWorksAfterBeingListed() {
        Integration integration = tenants.singleEnterpriseIntegration();
        page(Admin.INTEGRATIONS_GET_ALL, Map.of("IntegrationIds", List.of(integration.id().toString())), 10);

        assertThat(tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", "Question"))).isOk();
    }

    private String enterprise() {
        return tenants.enterprise().toString();
    }

    private ApiResponse page(String path, Map<String, Object> filters, int count) {
        Map<String, Object> body = new HashMap<>(filters);
        body.put("Limitation", Map.of("Count", count));
        return tenants.api().admin(path, body);
    }

    /** Every page of the listing, {@code count} at a time, from the first to the empty one. */
    private List<JsonNode> walk(String path, String array, Map<String, Object> filters, int count) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            Map<String, Object> body = new HashMap<>(filters);
            body.put("Limitation", cursor == null ? Map.of("Count", count) : Map.of("Count", count, "Cursor", cursor));
            ApiResponse response = tenants.api().admin(path, body);
            assertThat(response).isOk();
            JsonNode page = response.json().path(array);
            if (page.isEmpty()) {
                assertThat(response.json().path("Cursor").isNull()).isTrue();
                return items;
            }
            page.forEach(items::add);
            cursor = response.json().path("Cursor").asText();
            assertThat(cursor).isEqualTo(page.get(page.size() - 1).path("Id").asText());
        }
        throw new AssertionError("more than 100 pages of " + path);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sha256(String token) {
        return concierge.auth.Tokens.hash(token);
    }
}
