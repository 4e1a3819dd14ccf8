package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** messageThreads/add (connector-api-notes §3.2; spec D6, D9, D11, D12). */
class MessageThreadsAddTest extends OnBothEngines {

    private static final String UTC_WHOLE_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @Test
    void returnsExactlyTheOneCreatedThreadAndNoCursor() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = add(integration, "OriginalSender", "John Doe", "Subject", "Example subject");

        assertThat(response).isOk();
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("MessageThreads");
        assertThat(body.path("MessageThreads").isArray()).isTrue();
        assertThat(body.path("MessageThreads")).hasSize(1);
        JsonNode thread = body.path("MessageThreads").get(0);
        assertThat(fieldNames(thread)).containsExactlyInAnyOrder(
                "Id", "OriginalSender", "Subject", "CreatedUtc", "UpdatedUtc", "IsResolved");
        assertThat(thread.path("OriginalSender").asText()).isEqualTo("John Doe");
        assertThat(thread.path("Subject").asText()).isEqualTo("Example subject");
    }

    @Test
    void newThreadHasALowerCaseUuidId() {
        JsonNode thread = tenants.addThread(tenants.singleEnterpriseIntegration());

        String id = thread.path("Id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void newThreadIsNotResolved() {
        JsonNode thread = tenants.addThread(tenants.singleEnterpriseIntegration());

        assertThat(thread.path("IsResolved").isBoolean()).as(thread.toString()).isTrue();
        assertThat(thread.path("IsResolved").booleanValue()).isFalse();
    }

    @Test
    void createdUtcEqualsUpdatedUtcInWholeSecondsUtc() {
        JsonNode thread = tenants.addThread(tenants.singleEnterpriseIntegration());

        assertThat(thread.path("CreatedUtc").asText()).matches(UTC_WHOLE_SECONDS);
        assertThat(thread.path("UpdatedUtc").asText()).isEqualTo(thread.path("CreatedUtc").asText());
    }

    @Test
    void createdUtcIsTheTimeOfTheRequest() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        JsonNode thread = tenants.addThread(integration);

        Instant after = Instant.now();
        Instant created = Instant.parse(thread.path("CreatedUtc").asText());
        assertThat(created).isBetween(before, after);
    }

    @Test
    void newThreadIsFoundByGetAllExactlyAsAdded() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);

        ApiResponse response = getAllById(integration, added.path("Id").asText(), null);

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    @Test
    void newThreadIsFoundByItsCreatedUtcInEqualityMode() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);
        String created = added.path("CreatedUtc").asText();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "CreatedUtc", Map.of("StartUtc", created, "EndUtc", created),
                "Limitation", Map.of("Count", 10)));

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void requiredTextIsRefusedWhenMissing(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validAddBody(integration);
        body.remove(field);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, body);

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void requiredTextIsRefusedWhenNull(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validAddBody(integration);
        body.put(field, null);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, body);

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void requiredTextIsRefusedWhenEmpty(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, field, ""));

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void requiredTextIsRefusedWhenOnlyWhitespace(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, field, " \t\n "));

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void requiredTextIsRefusedWhenNotAString(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, field, 42));

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void textOver255CharactersIsRefusedNamingTheLimit(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, field, "x".repeat(256)));

        assertThat(response).isBadRequestNaming(field);
        assertThat(response.message()).contains("255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OriginalSender", "Subject"})
    void textOfExactly255CharactersIsStoredWhole(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String longest = "é".repeat(255);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, field, longest));

        assertThat(response).isOk();
        JsonNode added = response.json().path("MessageThreads").get(0);
        assertThat(added.path(field).asText()).isEqualTo(longest);
        JsonNode found = getAllById(integration, added.path("Id").asText(), null).json().path("MessageThreads");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path(field).asText()).isEqualTo(longest);
    }

    @Test
    void portfolioTokenWithoutEnterpriseIdAddsToTheFirstProvisionedEnterprise() {
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Tenants.Integration portfolio = tenants.integration(tenants.client(), first, second);

        JsonNode added = tenants.addThread(portfolio);

        assertThat(idsFoundIn(portfolio, first, added)).containsExactly(added.path("Id").asText());
        assertThat(idsFoundIn(portfolio, second, added)).isEmpty();
    }

    @Test
    void portfolioTokenDefaultIsTheProvisioningOrderNotTheIdOrder() {
        UUID a = tenants.enterprise();
        UUID b = tenants.enterprise();
        UUID larger = a.compareTo(b) > 0 ? a : b;
        UUID smaller = larger.equals(a) ? b : a;
        Tenants.Integration portfolio = tenants.integration(tenants.client(), larger, smaller);

        JsonNode added = tenants.addThread(portfolio);

        assertThat(idsFoundIn(portfolio, larger, added)).containsExactly(added.path("Id").asText());
        assertThat(idsFoundIn(portfolio, smaller, added)).isEmpty();
    }

    @Test
    void enterpriseIdInScopeChoosesTheEnterprise() {
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Tenants.Integration portfolio = tenants.integration(tenants.client(), first, second);

        JsonNode added = tenants.addThread(portfolio, "EnterpriseId", second.toString());

        assertThat(idsFoundIn(portfolio, second, added)).containsExactly(added.path("Id").asText());
        assertThat(idsFoundIn(portfolio, first, added)).isEmpty();
    }

    @Test
    void enterpriseIdOfTheSingleEnterpriseTokenIsAccepted() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        JsonNode added = tenants.addThread(integration, "EnterpriseId", integration.enterpriseId().toString());

        assertThat(idsFoundIn(integration, integration.enterpriseId(), added))
                .containsExactly(added.path("Id").asText());
    }

    @Test
    void enterpriseIdOutsideThePortfolioScopeIsRefused() {
        Tenants.Integration portfolio = tenants.integration(tenants.client(), tenants.enterprise(), tenants.enterprise());
        UUID elsewhere = tenants.enterprise();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                validAddBody(portfolio, "EnterpriseId", elsewhere.toString()));

        assertThat(response).isBadRequestNaming("EnterpriseId");
    }

    @Test
    void enterpriseIdOtherThanTheSingleEnterpriseTokensIsRefused() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        UUID elsewhere = tenants.enterprise();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                validAddBody(integration, "EnterpriseId", elsewhere.toString()));

        assertThat(response).isBadRequestNaming("EnterpriseId");
    }

    @Test
    void refusedEnterpriseIdCreatesNoThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);

        ApiResponse refused = tenants.api().post(Connector.MESSAGE_THREADS_ADD,
                validAddBody(integration, "EnterpriseId", tenants.enterprise().toString()));

        assertThat(refused).hasStatus(400);
        ApiResponse all = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, integration.body(
                "CreatedUtc", Map.of("StartUtc", before.toString(), "EndUtc", before.plusSeconds(3600).toString()),
                "Limitation", Map.of("Count", 10)));
        assertThat(all).isOk();
        assertThat(all.json().path("MessageThreads")).isEmpty();
    }

    @Test
    void malformedEnterpriseIdIsRefused() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, validAddBody(integration, "EnterpriseId", "not-a-uuid"));

        assertThat(response).isBadRequestNaming("EnterpriseId");
    }

    @Test
    void anotherClientInTheSameEnterpriseCannotSeeTheThread() {
        UUID enterprise = tenants.enterprise();
        Tenants.Integration owner = tenants.integration(tenants.client(), enterprise);
        Tenants.Integration other = tenants.integration(tenants.client(), enterprise);
        JsonNode added = tenants.addThread(owner);

        ApiResponse response = getAllById(other, added.path("Id").asText(), null);

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).isEmpty();
    }

    @Test
    void anotherIntegrationOfTheOwningClientReachingTheEnterpriseSeesTheThread() {
        UUID enterprise = tenants.enterprise();
        Tenants.Client client = tenants.client();
        Tenants.Integration creator = tenants.integration(client, enterprise);
        Tenants.Integration sibling = tenants.integration(client, tenants.enterprise(), enterprise);
        JsonNode added = tenants.addThread(creator);

        ApiResponse response = getAllById(sibling, added.path("Id").asText(), null);

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    @Test
    void eachAddCreatesADistinctThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        JsonNode first = tenants.addThread(integration, "OriginalSender", "Same Guest", "Subject", "Same");
        JsonNode second = tenants.addThread(integration, "OriginalSender", "Same Guest", "Subject", "Same");

        assertThat(first.path("Id").asText()).isNotEqualTo(second.path("Id").asText());
    }

    private ApiResponse add(Tenants.Integration integration, Object... namesAndValues) {
        return tenants.api().post(Connector.MESSAGE_THREADS_ADD, integration.body(namesAndValues));
    }

    /** A valid add body, with the given name/value pairs put over it. */
    private static Map<String, Object> validAddBody(Tenants.Integration integration, Object... overrides) {
        Map<String, Object> body = integration.body("OriginalSender", "Jane Guest", "Subject", "Late arrival");
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    private ApiResponse getAllById(Tenants.Integration integration, String threadId, UUID enterpriseId) {
        Map<String, Object> body = integration.body(
                "MessageThreadIds", List.of(threadId),
                "Limitation", Map.of("Count", 10));
        if (enterpriseId != null) {
            body.put("EnterpriseIds", List.of(enterpriseId.toString()));
        }
        return tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }

    /** The Ids getAll finds for {@code thread} when narrowed to one enterprise. */
    private List<String> idsFoundIn(Tenants.Integration integration, UUID enterpriseId, JsonNode thread) {
        ApiResponse response = getAllById(integration, thread.path("Id").asText(), enterpriseId);
        assertThat(response).isOk();
        List<String> ids = new ArrayList<>();
        response.json().path("MessageThreads").forEach(found -> ids.add(found.path("Id").asText()));
        return ids;
    }


    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
