package concierge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concierge.http.HealthEndpoints;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.OpenApiDocument;
import concierge.testing.Operations;
import concierge.testing.Operations.Auth;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real requests and answers of every operation (testing.Operations) checked against the server's own
 * OpenAPI document with a schema validator: the document describes what the server does.
 */
@Tag("slow")
class OpenApiAnswersTest extends OnBothEngines {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(OpenApiDocument.text(OpenApiDocument.OURS))
            .build();

    World world;

    @BeforeEach
    void provision() {
        world = World.provision(tenants);
    }

    static List<Operation> operations() {
        return Operations.ALL;
    }

    /** All but reset: it would replace every other test's data on the shared server, which refuses it (403). */
    static List<Operation> operationsThatLeaveOthersData() {
        return Operations.ALL.stream().filter(operation -> !operation.path().equals(Admin.RESET)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsThatLeaveOthersData")
    void theExampleAndItsAnswerAgreeWithTheDocument(Operation operation) {
        String request = ApiClient.toJson(operation.body(world, world));

        ApiResponse response = operation.send(tenants.api(), world, request);

        assertThat(response).isOk();
        assertThat(VALIDATOR.validate(request(operation, request), response(response)).getMessages())
                .as(response.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aBadRequestsAnswerAgreesWithTheDocument(Operation operation) {
        ApiResponse response = operation.send(tenants.api(), world, "not json");

        assertThat(response).isBadRequest();
        assertValidAnswer(operation.path(), Request.Method.POST, response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anUnauthorizedAnswerAgreesWithTheDocument(Operation operation) {
        ApiResponse response = operation.auth() == Auth.CONNECTOR
                ? operation.send(tenants.api(), world, operation.body(world, World.unknown()))
                : tenants.api().post(operation.path(), operation.body(world, world),
                        "Authorization", "Bearer unknown-" + UUID.randomUUID());

        assertThat(response).isUnauthorized();
        assertValidAnswer(operation.path(), Request.Method.POST, response);
    }

    @Test
    void aRefusedResetAgreesWithTheDocument() {
        Operation reset = Operations.at(Admin.RESET);
        String request = ApiClient.toJson(reset.body(world, world));

        ApiResponse response = reset.send(tenants.api(), world, request);

        assertThat(response).hasStatus(403);
        assertThat(VALIDATOR.validate(request(reset, request), response(response)).getMessages())
                .as(response.toString()).isEmpty();
    }

    @Test
    void anEmptyPageWithPreferMinimalAgreesWithTheDocument() {
        Operation getAll = Operations.at(Connector.MESSAGE_THREADS_GET_ALL);
        Map<String, Object> body = getAll.body(world, world);
        body.put("MessageThreadIds", List.of(UUID.randomUUID().toString()));
        body.put("Limitation", Map.of("Count", 10));

        ApiResponse response = tenants.api().post(getAll.path(), body, "Prefer", "return=minimal");

        assertThat(response).hasStatus(204);
        assertValidAnswer(getAll.path(), Request.Method.POST, response);
    }

    @Test
    void anEventStreamRefusalAgreesWithTheDocument() {
        ApiResponse response = tenants.api().send("GET", "/api/staff/v1/events", null);

        assertThat(response).isUnauthorized();
        assertValidAnswer("/api/staff/v1/events", Request.Method.GET, response);
    }

    @Test
    void theHealthProbesAnswersAgreeWithTheDocument() {
        for (String probe : List.of(HealthEndpoints.LIVE, HealthEndpoints.READY, HealthEndpoints.STARTED)) {
            ApiResponse response = tenants.api().send("GET", probe, null);

            assertThat(response).as(probe).isOk();
            assertValidAnswer(probe, Request.Method.GET, response);
        }
    }

    @Test
    void theValidatorReportsAnAnswerWithAPropertyTheDocumentLacks() {
        Operation add = Operations.at(Connector.MESSAGE_THREADS_ADD);
        ApiResponse response = add.call(tenants.api(), world);
        assertThat(response).isOk();
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("MessageThreads").get(0)).put("ClientId", world.integration().client().id().toString());

        ValidationReport report = VALIDATOR.validateResponse(add.path(), Request.Method.POST,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody(body.toString()).build());

        assertThat(report.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.response.body.schema.additionalProperties");
    }

    /** The 3.1 form of a nullable property (`"type": ["string", "null"]`) is enforced, not skipped. */
    @Test
    void theValidatorReportsANumberWhereTheDocumentHasAStringOrNull() {
        Operation getAll = Operations.at(Staff.MESSAGE_THREADS_GET_ALL);
        ApiResponse response = getAll.call(tenants.api(), world);
        assertThat(response).isOk();
        ObjectNode body = (ObjectNode) response.json();
        ((ObjectNode) body.path("MessageThreads").get(0)).put("LastMessageUtc", 5);

        ValidationReport report = VALIDATOR.validateResponse(getAll.path(), Request.Method.POST,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody(body.toString()).build());

        assertThat(report.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.response.body.schema.type");
    }

    private static void assertValidAnswer(String path, Request.Method method, ApiResponse response) {
        assertThat(VALIDATOR.validateResponse(path, method, response(response)).getMessages())
                .as(response.toString()).isEmpty();
    }

    /** As sent: the body and, for the staff and admin APIs, the bearer (so the security schemes are checked too). */
    private SimpleRequest request(Operation operation, String body) {
        SimpleRequest.Builder request = SimpleRequest.Builder.post(operation.path())
                .withContentType("application/json")
                .withBody(body);
        String[] headers = operation.headers(world);
        for (int i = 0; i < headers.length; i += 2) {
            request.withHeader(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private static SimpleResponse response(ApiResponse response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> values.forEach(value -> answer.withHeader(name, value)));
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        return answer.build();
    }
}
