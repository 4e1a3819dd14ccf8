package concierge.http;

import concierge.testing.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request body written property by property, for what a map of values cannot say: a number as
 * written ({@code 10.0}), a value of the wrong type, a property left out. Raw values are JSON with
 * single quotes for double ones, as in {@link Bodies#json}: {@code with("Limitation", "{'Count': 10.5}")}.
 *
 * @param properties each property's name and its value as JSON text, in order
 */
public record RawBody(Map<String, String> properties) {

    public RawBody {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A body of the given values, each written as Jackson writes it. */
    public static RawBody of(Map<String, ?> values) {
        Map<String, String> properties = new LinkedHashMap<>();
        values.forEach((name, value) -> properties.put(name, ApiClient.toJson(value)));
        return new RawBody(properties);
    }

    public static RawBody of(String... namesAndRawValues) {
        return new RawBody(Map.of()).with(namesAndRawValues);
    }

    /** This body with each given property set to the raw value given; a null value leaves the property out. */
    public RawBody with(String... namesAndRawValues) {
        Map<String, String> properties = new LinkedHashMap<>(this.properties);
        for (int i = 0; i < namesAndRawValues.length; i += 2) {
            String raw = namesAndRawValues[i + 1];
            if (raw == null) {
                properties.remove(namesAndRawValues[i]);
            } else {
                properties.put(namesAndRawValues[i], raw.replace('\'', '"'));
            }
        }
        return new RawBody(properties);
    }

    public String json() {
        return properties.entrySet().stream()
                .map(property -> ApiClient.toJson(property.getKey()) + ": " + property.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** The body as an operation's decoder reads it. */
    public JsonFields fields() {
        return JsonFields.parse(json().getBytes(StandardCharsets.UTF_8));
    }
}
