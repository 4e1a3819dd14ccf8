package concierge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The credentials every Connector request carries in its body (spec D15, D18; connector-api-notes §2, §5). */
@ParameterizedClass
@EnumSource(Engine.class)
class ConnectorAuthenticationTest {

    private static final String GET_ALL = "/api/connector/v1/messageThreads/getAll";
    private static final String ADD = "/api/connector/v1/messageThreads/add";

    @Parameter
    Engine engine;

    Tenants tenants;

    @BeforeEach
    void connect() {
        tenants = new Tenants(TestServers.running(engine));
    }

    @Test
    void validCredentialsAreAccepted() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(validGetAllBody(integration));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void missingCredentialIsRefusedNamingIt(String field) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.remove(field);

        assertInvalid(getAll(body), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void nullCredentialIsRefusedNamingIt(String field) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put(field, null);

        assertInvalid(getAll(body), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void emptyCredentialIsRefusedNamingIt(String field) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put(field, "");

        assertInvalid(getAll(body), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void whitespaceOnlyCredentialIsRefusedNamingIt(String field) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put(field, "   ");

        assertInvalid(getAll(body), field);
    }

    static Stream<Arguments> nonStringCredentials() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : List.of("ClientToken", "AccessToken", "Client")) {
            cases.add(Arguments.of(field, 42));
            cases.add(Arguments.of(field, true));
            cases.add(Arguments.of(field, List.of("a")));
            cases.add(Arguments.of(field, Map.of("Value", "a")));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("nonStringCredentials")
    void nonStringCredentialIsRefusedNamingIt(String field, Object value) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put(field, value);

        assertInvalid(getAll(body), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void credentialsAreRequiredByAddToo(String field) {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = integration.body("OriginalSender", "Jane Guest", "Subject", "Parking");
        body.remove(field);

        assertInvalid(tenants.api().post(ADD, body), field);
    }

    @Test
    void unknownAccessTokenIsUnauthorized() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(integration);
        body.put("AccessToken", "00000000000000000000000000000000-0000000000000000000000000000000");

        assertUnauthorized(getAll(body));
    }

    @Test
    void accessTokenWithAnotherClientsClientTokenIsUnauthorized() {
        Tenants.Integration mine = tenants.singleEnterpriseIntegration();
        Tenants.Integration theirs = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(mine);
        body.put("ClientToken", theirs.client().clientToken());

        assertUnauthorized(getAll(body));
    }

    @Test
    void accessTokenWithAnUnknownClientTokenIsUnauthorized() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("ClientToken", "not-a-client-token");

        assertUnauthorized(getAll(body));
    }

    @Test
    void tokensAreComparedExactlyNotIgnoringCase() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = validGetAllBody(integration);
        body.put("AccessToken", integration.accessToken().toLowerCase(Locale.ROOT));

        assertUnauthorized(getAll(body));
    }

    @Test
    void disabledIntegrationIsUnauthorized() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        assertThat(getAll(validGetAllBody(integration)).status()).isEqualTo(200);

        disable(integration);

        assertUnauthorized(getAll(validGetAllBody(integration)));
    }

    @Test
    void disablingOneIntegrationLeavesTheClientsOtherIntegrationsWorking() {
        Tenants.Client client = tenants.client();
        UUID enterprise = tenants.enterprise();
        Tenants.Integration disabled = tenants.integration(client, enterprise);
        Tenants.Integration other = tenants.integration(client, enterprise);

        disable(disabled);

        assertUnauthorized(getAll(validGetAllBody(disabled)));
        ApiResponse response = getAll(validGetAllBody(other));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void disabledIntegrationCannotAddThreads() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        disable(integration);

        ApiResponse response = tenants.api().post(ADD,
                integration.body("OriginalSender", "Jane Guest", "Subject", "Parking"));

        assertUnauthorized(response);
    }

    @Test
    void unauthorizedAddCreatesNoThread() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Map<String, Object> body = integration.body("OriginalSender", "Jane Guest", "Subject", "Parking");
        body.put("ClientToken", tenants.client().clientToken());

        assertUnauthorized(tenants.api().post(ADD, body));

        ApiResponse all = getAll(integration.body(
                "CreatedUtc", Map.of("StartUtc", before.toString(), "EndUtc", before.plusSeconds(3600).toString()),
                "Limitation", Map.of("Count", 10)));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("MessageThreads")).isEmpty();
    }

    @Test
    void unauthorizedAnswerHasTheErrorBody() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("AccessToken", "unknown");

        ApiResponse response = getAll(body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode error = response.json();
        List<String> names = new ArrayList<>();
        error.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(error.path("Message").isTextual()).isTrue();
        assertThat(error.path("Message").asText()).isNotBlank();
        assertThat(error.path("Details").isNull()).isTrue();
        assertThat(error.path("RequestId").asText()).isNotBlank().isEqualTo(response.header("Request-Id"));
    }

    @Test
    void unauthorizedMessageDoesNotEchoTheToken() {
        String presented = "SECRET-" + UUID.randomUUID();
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("AccessToken", presented);

        ApiResponse response = getAll(body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(presented);
    }

    @Test
    void languageCodeWithoutCultureCodeIsRefused() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("LanguageCode", "en-US");

        ApiResponse response = getAll(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.message()).contains("CultureCode");
    }

    @Test
    void cultureCodeWithoutLanguageCodeIsRefused() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("CultureCode", "en-US");

        ApiResponse response = getAll(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.message()).contains("LanguageCode");
    }

    @Test
    void languageCodeAndCultureCodeTogetherAreAccepted() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("LanguageCode", "en-US");
        body.put("CultureCode", "en-US");

        ApiResponse response = getAll(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void languageCodeAndCultureCodeBothNullCountAsAbsent() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("LanguageCode", null);
        body.put("CultureCode", null);

        ApiResponse response = getAll(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void clientOver255CharactersIsRefusedNamingTheLimit() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("Client", "c".repeat(256));

        ApiResponse response = getAll(body);

        assertInvalid(response, "Client");
        assertThat(response.message()).contains("255");
    }

    @Test
    void clientOfExactly255CharactersIsAccepted() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("Client", "c".repeat(255));

        ApiResponse response = getAll(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private ApiResponse getAll(Map<String, Object> body) {
        return tenants.api().post(GET_ALL, body);
    }

    private void disable(Tenants.Integration integration) {
        ApiResponse response = tenants.api().admin(Admin.INTEGRATIONS_DISABLE,
                Map.of("IntegrationIds", List.of(integration.id().toString())));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static Map<String, Object> validGetAllBody(Tenants.Integration integration) {
        return integration.body(
                "MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10));
    }

    private static void assertInvalid(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.message()).as(response.toString()).startsWith("Invalid " + field);
    }

    private static void assertUnauthorized(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.message()).as(response.toString()).isNotBlank();
    }
}
