package concierge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import concierge.testing.OpenApiDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our document's Connector schemas against the official definition (OpenAPI 3.0, copied unchanged
 * from the spec folder): every official schema and property is there, with the same type, format,
 * nullability and requiredness, except where docs/compatibility.md records that the server does
 * otherwise ({@link #RECORDED_DIFFERENCES}). Properties of ours beyond the official ones are allowed.
 */
class OfficialSchemasTest {

    /** Where our document describes what the server does instead, by the row of docs/compatibility.md. */
    private static final Map<String, String> RECORDED_DIFFERENCES = Map.of(
            "TimeFilterInterval.StartUtc", "D1: both bounds are required when the interval is present, and not null",
            "TimeFilterInterval.EndUtc", "D1: both bounds are required when the interval is present, and not null",
            "ConnectorApiExceptionResult.Details", "D14: Details is a string or null");

    private static final JsonNode OFFICIAL = yaml(OpenApiDocument.text(OpenApiDocument.OFFICIAL));
    private static final JsonNode OURS = OpenApiDocument.ours();

    /** What a property is, in terms both versions of OpenAPI can express. */
    record Kind(Set<String> types, String reference, String format, Kind items, boolean nullable) {
    }

    @Test
    void everyOfficialSchemaIsInOurDocument() {
        Set<String> official = names(OFFICIAL.path("components").path("schemas"));

        assertThat(names(OURS.path("components").path("schemas"))).containsAll(official);
    }

    @Test
    void everyOfficialPropertyHasTheSameKindAndRequirednessUnlessADifferenceIsRecorded() {
        Map<String, String> differences = new TreeMap<>();
        OFFICIAL.path("components").path("schemas").properties().forEach(schema -> {
            JsonNode ours = OURS.path("components").path("schemas").path(schema.getKey());
            Set<String> officialRequired = strings(schema.getValue().path("required"));
            Set<String> ourRequired = strings(ours.path("required"));
            schema.getValue().path("properties").properties().forEach(property -> {
                String name = schema.getKey() + "." + property.getKey();
                JsonNode ourProperty = ours.path("properties").path(property.getKey());
                if (ourProperty.isMissingNode()) {
                    differences.put(name, "missing");
                    return;
                }
                Kind officialKind = officialKind(property.getValue());
                Kind ourKind = ourKind(ourProperty);
                if (!officialKind.equals(ourKind)) {
                    differences.put(name, "official " + officialKind + ", ours " + ourKind);
                } else if (officialRequired.contains(property.getKey()) != ourRequired.contains(property.getKey())) {
                    differences.put(name, "required: official " + officialRequired.contains(property.getKey()));
                }
            });
            if (schema.getValue().has("enum")) {
                assertThat(strings(ours.path("enum"))).as(schema.getKey()).isEqualTo(strings(schema.getValue().path("enum")));
            }
        });

        assertThat(differences.keySet()).as(differences.toString()).isEqualTo(RECORDED_DIFFERENCES.keySet());
    }

    @Test
    void everyOfficialOperationTakesAndAnswersTheSameSchemas() {
        List<String> operations = new ArrayList<>();
        OFFICIAL.path("paths").properties().forEach(path -> {
            JsonNode official = path.getValue().path("post");
            JsonNode ours = OURS.path("paths").path(path.getKey()).path("post");
            assertThat(reference(jsonSchema(OURS, ours.path("requestBody")))).as(path.getKey())
                    .isEqualTo(reference(jsonSchema(OFFICIAL, official.path("requestBody"))));
            for (String status : List.of("200", "400", "401", "408", "429", "500")) {
                assertThat(reference(jsonSchema(OURS, ours.path("responses").path(status)))).as(path.getKey() + " " + status)
                        .isEqualTo(reference(jsonSchema(OFFICIAL, official.path("responses").path(status))));
            }
            operations.add(path.getKey());
        });

        assertThat(operations).hasSize(4);
    }

    @Test
    void aPropertyOfAnotherTypeIsADifference() {
        JsonNode integer = yaml("type: integer\nformat: int32");
        JsonNode nullableInteger = yaml("type: [integer, 'null']\nformat: int32");

        assertThat(ourKind(nullableInteger)).isNotEqualTo(officialKind(integer));
        assertThat(ourKind(yaml("type: string"))).isNotEqualTo(officialKind(integer));
        assertThat(ourKind(yaml("type: integer\nformat: int32\nminimum: 1"))).isEqualTo(officialKind(integer));
    }

    /** OpenAPI 3.0: {@code $ref}, or {@code allOf} of one {@code $ref}; {@code nullable: true}. */
    private static Kind officialKind(JsonNode schema) {
        String reference = reference(schema);
        Set<String> types = schema.has("type") ? Set.of(schema.path("type").asText()) : Set.of();
        boolean any = reference == null && types.isEmpty();
        return new Kind(types, reference, schema.path("format").asText(null),
                schema.has("items") ? officialKind(schema.path("items")) : null,
                any || schema.path("nullable").asBoolean(false));
    }

    /** OpenAPI 3.1: {@code $ref}, or {@code anyOf} of a {@code $ref} and {@code type: null}; {@code type} may be a list with "null". */
    private static Kind ourKind(JsonNode schema) {
        String reference = reference(schema);
        boolean nullable = false;
        if (reference == null && schema.has("anyOf")) {
            for (JsonNode alternative : schema.path("anyOf")) {
                if ("null".equals(alternative.path("type").asText())) {
                    nullable = true;
                } else {
                    reference = reference(alternative);
                }
            }
        }
        Set<String> types = new TreeSet<>(strings(schema.path("type")));
        nullable |= types.remove("null");
        boolean any = reference == null && types.isEmpty();
        return new Kind(types, reference, schema.path("format").asText(null),
                schema.has("items") ? ourKind(schema.path("items")) : null, any || nullable);
    }

    /** The component a schema names, through one {@code allOf} as 3.0 documents wrap it. */
    private static String reference(JsonNode schema) {
        if (schema.has("$ref")) {
            return schema.path("$ref").asText().replace("#/components/schemas/", "");
        }
        if (schema.path("allOf").size() == 1) {
            return reference(schema.path("allOf").get(0));
        }
        return null;
    }

    /** The JSON schema of a request body or response, which may be a {@code $ref} to the document's components. */
    private static JsonNode jsonSchema(JsonNode document, JsonNode bodyOrResponse) {
        JsonNode resolved = bodyOrResponse.has("$ref")
                ? document.at(bodyOrResponse.path("$ref").asText().substring(1)) : bodyOrResponse;
        return resolved.at("/content/application~1json/schema");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
