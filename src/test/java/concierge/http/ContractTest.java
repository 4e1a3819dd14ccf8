package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real requests and responses checked against the official OpenAPI definition of the Connector API
 * (src/test/resources/openapi/, copied unchanged from the spec folder) with a schema validator.
 */
class ContractTest extends OnBothEngines {

    /*
     * No extra configuration: this validator (Swagger parser + networknt JSON Schema) already honours
     * OpenAPI 3.0 `nullable: true` (an empty page's `"Cursor": null` passes) and enforces
     * `additionalProperties: false` as written (an extra property fails). The empty-page test and the
     * validatorReports* tests keep both facts pinned, so a version that changes either cannot go unnoticed.
     * Every check validates the request we sent as well as the response.
     */
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(resource("/openapi/connector-messaging-openapi.yaml"))
            .build();

    @Test
    void getAllPageWithThreadsMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String id = tenants.addThread(integration).path("Id").asText();
        String request = ApiClient.toJson(integration.body(
                "MessageThreadIds", List.of(id), "Limitation", Map.of("Count", 10)));

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, request);

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).hasSize(1);
        assertValid(Connector.MESSAGE_THREADS_GET_ALL, request, response);
    }

    @Test
    void getAllEmptyPageWithNullCursorMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body(
                "CreatedUtc", Map.of("StartUtc", "2022-03-03T00:00:00Z", "EndUtc", "2022-03-14T00:00:00Z"),
                "Limitation", Map.of("Count", 10)));

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, request);

        assertThat(response).isOk();
        assertThat(response.json().path("Cursor").isNull()).as(response.toString()).isTrue();
        assertValid(Connector.MESSAGE_THREADS_GET_ALL, request, response);
    }

    @Test
    void addResponseMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body("OriginalSender", "John Doe", "Subject", "Example subject"));

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, request);

        assertThat(response).isOk();
        assertValid(Connector.MESSAGE_THREADS_ADD, request, response);
    }

    @Test
    void badRequestErrorMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body(
                "MessageThreadIds", List.of("7f9325f6-ef44-4911-89a8-ae51010a5aa4"), "Limitation", Map.of("Count", 0)));

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, request);

        assertThat(response).hasStatus(400);
        assertValid(Connector.MESSAGE_THREADS_GET_ALL, request, response);
    }

    @Test
    void unauthorizedErrorMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        Map<String, Object> body = integration.body("OriginalSender", "John Doe", "Subject", "Example subject");
        body.put("AccessToken", "00000000000000000000000000000000-0000000000000000000000000000000");
        String request = ApiClient.toJson(body);

        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, request);

        assertThat(response).hasStatus(401);
        assertValid(Connector.MESSAGE_THREADS_ADD, request, response);
    }

    @Test
    void validatorReportsAThreadWithoutSubject() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body("OriginalSender", "John Doe", "Subject", "Example subject"));
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, request);
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("MessageThreads").get(0)).remove("Subject");

        ValidationReport report = validate(Connector.MESSAGE_THREADS_ADD, request, 200, body.toString());

        assertThat(report.getMessages()).extracting(Message::getKey)
                .contains("validation.response.body.schema.required");
    }

    @Test
    void validatorReportsAThreadWithAnExtraProperty() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body("OriginalSender", "John Doe", "Subject", "Example subject"));
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, request);
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("MessageThreads").get(0)).put("ClientId", "7f9325f6-ef44-4911-89a8-ae51010a5aa4");

        ValidationReport report = validate(Connector.MESSAGE_THREADS_ADD, request, 200, body.toString());

        assertThat(report.getMessages()).extracting(Message::getKey)
                .contains("validation.response.body.schema.additionalProperties");
    }

    @Test
    void validatorReportsANullWhereTheSchemaDoesNotAllowIt() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body("OriginalSender", "John Doe", "Subject", "Example subject"));
        ApiResponse response = tenants.api().post(Connector.MESSAGE_THREADS_ADD, request);
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("MessageThreads").get(0)).putNull("CreatedUtc");

        ValidationReport report = validate(Connector.MESSAGE_THREADS_ADD, request, 200, body.toString());

        assertThat(report.getMessages()).extracting(Message::getKey)
                .contains("validation.response.body.schema.type");
    }

    // --- messages/add and messages/getAll

    @Test
    void messagesAddResponseMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String request = ApiClient.toJson(integration.body("Messages", List.of(
                Map.of("MessageThreadId", threadId, "Text", "Text of the message", "Identifier", "Message 1"),
                Map.of("MessageThreadId", threadId, "Text", "No identifier"))));

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, request);

        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).hasSize(2);
        assertValid(Connector.MESSAGES_ADD, request, response);
    }

    @Test
    void messagesAddBadRequestMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body("Messages", List.of(
                Map.of("MessageThreadId", "7f9325f6-ef44-4911-89a8-ae51010a5aa4", "Text", "Unknown thread"))));

        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, request);

        assertThat(response).hasStatus(400);
        assertValid(Connector.MESSAGES_ADD, request, response);
    }

    @Test
    void messagesGetAllPageWithBothSendersMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        tenants.addMessages(integration, threadId, "Is breakfast included?");
        ApiResponse reply = tenants.staff(tenants.staffToken(integration.enterpriseId()), Staff.MESSAGES_ADD,
                Map.of("Messages", List.of(Map.of("MessageThreadId", threadId, "Text", "Yes."))));
        assertThat(reply).isOk();
        String request = ApiClient.toJson(integration.body(
                "EnterpriseIds", List.of(integration.enterpriseId().toString()),
                "MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 10)));

        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, request);

        assertThat(response).isOk();
        assertThat(response.json().path("Messages")).extracting(m -> m.path("Sender").path("Discriminator").asText())
                .containsExactly("Enterprise", "Application");
        assertValid(Connector.MESSAGES_GET_ALL, request, response);
    }

    @Test
    void messagesGetAllEmptyPageWithNullCursorMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body(
                "MessageThreadIds", List.of("7f9325f6-ef44-4911-89a8-ae51010a5aa4"),
                "CreatedUtc", Map.of("StartUtc", "2022-03-03T00:00:00Z", "EndUtc", "2022-03-14T00:00:00Z"),
                "Limitation", Map.of("Count", 100)));

        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, request);

        assertThat(response).isOk();
        assertThat(response.json().path("Cursor").isNull()).as(response.toString()).isTrue();
        assertValid(Connector.MESSAGES_GET_ALL, request, response);
    }

    @Test
    void messagesGetAllBadRequestMatchesTheOfficialSchema() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String request = ApiClient.toJson(integration.body(
                "MessageThreadIds", List.of("7f9325f6-ef44-4911-89a8-ae51010a5aa4"),
                "Limitation", Map.of("Count", 10, "Cursor", "4bfe4675-98a9-4428-9ea9-ae5300dbaa93")));

        ApiResponse response = tenants.api().post(Connector.MESSAGES_GET_ALL, request);

        assertThat(response).hasStatus(400);
        assertValid(Connector.MESSAGES_GET_ALL, request, response);
    }

    @Test
    void validatorReportsASenderAsAPlainString() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String request = ApiClient.toJson(integration.body("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Hello"))));
        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, request);
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("Messages").get(0).path("Message")).put("Sender", "Application");

        ValidationReport report = validate(Connector.MESSAGES_ADD, request, 200, body.toString());

        assertThat(report.getMessages()).extracting(Message::getKey)
                .contains("validation.response.body.schema.type");
    }

    @Test
    void validatorReportsAnUnknownSenderDiscriminator() {
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        String threadId = tenants.addThread(integration).path("Id").asText();
        String request = ApiClient.toJson(integration.body("Messages",
                List.of(Map.of("MessageThreadId", threadId, "Text", "Hello"))));
        ApiResponse response = tenants.api().post(Connector.MESSAGES_ADD, request);
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("Messages").get(0).path("Message").path("Sender")).put("Discriminator", "Guest");

        ValidationReport report = validate(Connector.MESSAGES_ADD, request, 200, body.toString());

        assertThat(report.getMessages()).extracting(Message::getKey)
                .contains("validation.response.body.schema.enum");
    }

    private static void assertValid(String path, String request, ApiResponse response) {
        ValidationReport report = validate(path, request, response.status(), response.body());
        assertThat(report.getMessages()).as(response.toString()).isEmpty();
    }

    private static ValidationReport validate(String path, String requestBody, int status, String responseBody) {
        SimpleRequest request = SimpleRequest.Builder.post(path)
                .withContentType("application/json")
                .withBody(requestBody)
                .build();
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(responseBody)
                .build();
        return VALIDATOR.validate(request, response);
    }

    private static String resource(String name) {
        try (InputStream in = ContractTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
