package concierge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Reads a health probe's JSON: {@code {"status": …, "checks": [{"name", "status", "data"}]}}. */
public final class HealthAnswers {

    private HealthAnswers() {
    }

    /** Each check's name and status, in the order the answer lists them. */
    public static Map<String, String> statuses(ApiResponse response) {
        Map<String, String> statuses = new LinkedHashMap<>();
        response.json().path("checks").forEach(check ->
                statuses.put(check.path("name").asText(), check.path("status").asText()));
        return statuses;
    }

    public static String status(ApiResponse response, String checkName) {
        return check(response, checkName).path("status").asText();
    }

    public static JsonNode data(ApiResponse response, String checkName) {
        return check(response, checkName).path("data");
    }

    public static JsonNode check(ApiResponse response, String name) {
        return StreamSupport.stream(response.json().path("checks").spliterator(), false)
                .filter(check -> check.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + response));
    }
}
