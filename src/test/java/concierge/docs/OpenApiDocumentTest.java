package concierge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import concierge.http.HealthEndpoints;
import concierge.http.docs.ApiDocs;
import concierge.http.staff.StaffEventStream;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.OnH2;
import concierge.testing.OpenApiDocument;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document (GET /openapi.json): it has exactly the server's operations, it is a valid
 * OpenAPI 3.1 document whose examples agree with its schemas, and it is served as it is in the jar
 * with the page's strict headers, while every other path and method keeps the API's 404.
 */
class OpenApiDocumentTest extends OnH2 {

    private static final JsonNode DOCUMENT = OpenApiDocument.ours();

    @Test
    void theDocumentHasExactlyTheServersOperations() {
        List<String> documented = new ArrayList<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> documented.add(method.getKey().toUpperCase() + " " + path.getKey())));
        List<String> served = Stream.concat(server().operationPaths().stream().map(path -> "POST " + path),
                Stream.of(StaffEventStream.PATH, HealthEndpoints.LIVE, HealthEndpoints.READY, HealthEndpoints.STARTED,
                                "/metrics")
                        .map(path -> "GET " + path)).toList();

        assertThat(documented).as("adding an operation means documenting it in src/main/resources/openapi/concierge.json")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void theDocumentIsAValidOpenApi31Document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIParser().readContents(OpenApiDocument.text(OpenApiDocument.OURS), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void everyReferenceInTheDocumentResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(DOCUMENT, references);

        assertThat(references).isNotEmpty()
                .allSatisfy(reference -> assertThat(DOCUMENT.at(reference.substring(1)).isMissingNode())
                        .as(reference).isFalse());
    }

    @Test
    void everyOperationHasAnIdASummaryAndTheApisErrorAnswers() {
        List<String> ids = new ArrayList<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            JsonNode operation = method.getValue();
            ids.add(operation.path("operationId").asText());
            assertThat(operation.path("summary").asText()).as(path.getKey()).isNotBlank();
            assertThat(operation.path("responses").has("200")).as(path.getKey()).isTrue();
            if (path.getKey().startsWith("/health/") || path.getKey().equals("/metrics")) {
                return;
            }
            for (String status : List.of("400", "401", "429", "500", "503")) {
                assertThat(operation.path("responses").has(status)).as(path.getKey() + " " + status).isTrue();
            }
        }));

        assertThat(ids).doesNotHaveDuplicates().doesNotContain("");
    }

    /** Each request example as the operation's request, each 200 example as its answer, the error examples as 400s; a GET's examples as its answers. */
    @Test
    void everyExampleAgreesWithItsSchema() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(OpenApiDocument.text(OpenApiDocument.OURS)).build();
        List<String> checked = new ArrayList<>();
        DOCUMENT.path("paths").properties().forEach(path -> {
            JsonNode post = path.getValue().path("post");
            if (post.isMissingNode()) {
                path.getValue().path("get").path("responses").properties().forEach(answer -> {
                    JsonNode example = answer.getValue().at("/content/application~1json/example");
                    if (!example.isMissingNode()) {
                        assertThat(validator.validateResponse(path.getKey(), Request.Method.GET,
                                SimpleResponse.Builder.status(Integer.parseInt(answer.getKey()))
                                        .withContentType("application/json").withBody(example.toString()).build())
                                .getMessages()).as(path.getKey() + " " + answer.getKey()).isEmpty();
                    }
                });
                return;
            }
            String request = post.at("/requestBody/content/application~1json/example").toString();
            String answer = post.at("/responses/200/content/application~1json/example").toString();
            var report = validator.validate(
                    SimpleRequest.Builder.post(path.getKey()).withContentType("application/json")
                            .withHeader("Authorization", "Bearer example").withBody(request).build(),
                    SimpleResponse.Builder.status(200).withContentType("application/json").withBody(answer).build());
            assertThat(report.getMessages()).as(path.getKey()).isEmpty();
            DOCUMENT.path("components").path("responses").properties().forEach(error -> {
                JsonNode example = error.getValue().at("/content/application~1json/example");
                if (!example.isMissingNode()) {
                    assertThat(validator.validateResponse(path.getKey(), Request.Method.POST,
                            SimpleResponse.Builder.status(400).withContentType("application/json")
                                    .withBody(example.toString()).build()).getMessages())
                            .as(error.getKey()).isEmpty();
                }
            });
            checked.add(path.getKey());
        });

        assertThat(checked).hasSize(server().operationPaths().size());
    }

    @Test
    void theDocumentIsServedAsItIsInTheJarWithTheStrictHeaders() {
        ApiResponse answer = get(ApiDocs.DOCUMENT_PATH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(OpenApiDocument.text(OpenApiDocument.OURS));
        assertThat(answer.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(ApiDocs.CONTENT_SECURITY_POLICY);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theReferencePageIsServedAtDocsWithAndWithoutASlash() {
        for (String path : List.of("/docs", "/docs/", "/docs?url=https://example.com/evil.json")) {
            ApiResponse page = get(path);

            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.header("Content-Security-Policy")).isEqualTo(ApiDocs.CONTENT_SECURITY_POLICY);
            assertThat(page.body()).contains("<script src=\"/docs/initializer.js\" defer></script>")
                    .doesNotContain("example.com");
        }
    }

    @Test
    void anUnknownFileUnderDocsIsAPlain404WithTheStrictHeaders() {
        for (String path : List.of("/docs/nope.js", "/docs/swagger-initializer.js", "/docs/oauth2-redirect.html",
                "/docs/%2e%2e/openapi.json", "/docs/..%2fopenapi.json", "/docs/index.html/", "/docs/SWAGGER-UI.CSS",
                "/docs/swagger-ui-bundle.js.map", "/docs/" + "a".repeat(4000))) {
            ApiResponse answer = get(path);

            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEqualTo("Not found\n");
            assertThat(answer.header("Content-Security-Policy")).as(path).isEqualTo(ApiDocs.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void otherMethodsAndNeighbouringPathsGetTheApisJson404() {
        List<ApiResponse> answers = List.of(
                tenants.api().send("POST", ApiDocs.DOCUMENT_PATH, "{}"),
                tenants.api().send("PUT", ApiDocs.DOCUMENT_PATH, "{}"),
                tenants.api().send("DELETE", ApiDocs.DOCUMENT_PATH, null),
                tenants.api().send("POST", "/docs", "{}"),
                tenants.api().send("POST", "/docs/swagger-ui.css", "{}"),
                get("/openapi"), get("/openapi.yaml"), get("/openapi.json/"), get("/OPENAPI.JSON"),
                get("/openapi/ui"), get("/api/openapi.json"), get("/docss"));

        assertThat(answers).allSatisfy(answer -> assertThat(answer).isError(404).hasMessageStartingWith("Not found"));
    }

    @Test
    void aHeadOfTheDocumentHasItsHeadersAndNoBody() {
        ApiResponse head = tenants.api().send("HEAD", ApiDocs.DOCUMENT_PATH, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Security-Policy")).isEqualTo(ApiDocs.CONTENT_SECURITY_POLICY);
    }

    private ApiResponse get(String path) {
        return tenants.api().send("GET", path, null);
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, references));
        }
    }
}
