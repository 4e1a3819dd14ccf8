package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import concierge.errors.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading a request body (spec D13/D14): it must be one JSON object, strictly written; a body that is
 * not gets 400 "Invalid JSON" saying what is wrong and where, in plain words. Property names match
 * ignoring ASCII case, and one name twice (in any case) is invalid JSON.
 */
class JsonFieldsTest {

    private static final String VALID = "{\"ClientToken\": \"x\", \"Limitation\": {\"Count\": 10}}";

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{",
            "{\"ClientToken\": \"x\",}",
            "{\"Limitation\": {\"Count\": 10,}}",
            "{\"ClientToken\": \"x\"} {\"AccessToken\": \"y\"}",
            "{'ClientToken': 'x'}",
            "{ClientToken: \"x\"}",
            "{\"Count\": 01}",
            "{\"Count\": NaN}",
            "/* comment */ {}",
            "{\"ClientToken\": \"unterminated}",
            "[]",
            "[{}]",
            "\"a bare string\"",
            "42",
            "true",
            "null",
            "",
            "   \n  "})
    void malformedOrNonObjectBodyIsInvalidJson(String body) {
        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON");
    }

    @Test
    void validRequestWrappedInAnArrayIsInvalidJson() {
        assertThat(invalidJsonMessage("[" + VALID + "]")).startsWith("Invalid JSON");
    }

    @Test
    void bodyThatIsNotUtf8IsInvalidJson() {
        byte[] prefix = "{\"ClientToken\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON");
    }

    @Test
    void duplicateTopLevelPropertyIsInvalidJson() {
        assertThat(invalidJsonMessage("{\"ClientToken\": \"first\", " + VALID.substring(1))).startsWith("Invalid JSON");
    }

    @Test
    void duplicatePropertyDifferingOnlyInCaseIsInvalidJson() {
        assertThat(invalidJsonMessage("{\"clienttoken\": \"other\", " + VALID.substring(1))).startsWith("Invalid JSON");
    }

    /** A nested object is checked when it is read: the Limitation of a listing, say. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Count\": 10, \"Count\": 20}",
            "{\"Count\": 10, \"count\": 20}",
            "{\"count\": 10, \"COUNT\": 10}",
            "{\"Count\": 10, \"count\": null}"})
    void duplicateNestedPropertyIsInvalidJsonNamingIt(String limitation) {
        Throwable failure = catchThrowable(() -> parse("{\"Limitation\": " + limitation + "}").object("Limitation"));

        assertThat(failure).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("Invalid JSON");
        assertThat(failure.getMessage().toLowerCase(Locale.ROOT)).contains("count");
    }

    @ParameterizedTest
    @ValueSource(ints = {100_000, 2_000})
    void deeplyNestedArraysAreInvalidJson(int depth) {
        assertThat(invalidJsonMessage("[".repeat(depth))).startsWith("Invalid JSON");
    }

    @Test
    void deeplyNestedObjectsAreInvalidJson() {
        String body = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON");
    }

    @Test
    void deeplyNestedUnknownPropertyIsInvalidJson() {
        String body = "{\"ClientToken\": \"x\", \"Ignored\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";

        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "{\"a\":1}{}", "{\"a\":1} x", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}",
            "{\"a\":[1,2}", "{\"a\":\"unterminated}", "{\"a\":NaN}", "{\"a\":01}"})
    void malformedJsonIsExplainedWithoutTheParsersInternals(String body) {
        String message = invalidJsonMessage(body);

        assertThat(message).startsWith("Invalid JSON").contains("line 1, column ")
                .doesNotContain("Source", "REDACTED", "com.fasterxml", "`", "Feature", "Constraints");
    }

    @ParameterizedTest
    @ValueSource(ints = {Json.MAX_NESTING + 1, 5000})
    void tooDeepNestingIsExplainedWithoutTheParsersInternals(int depth) {
        String message = invalidJsonMessage("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");

        assertThat(message).startsWith("Invalid JSON").contains("nesting depth")
                .doesNotContain("Source", "REDACTED", "com.fasterxml", "`", "Constraints");
    }

    @Test
    void moreTokensThanTheLargestValidRequestNeedsAreInvalidJsonNamingTheLimit() {
        String body = "{\"a\":[" + "0,".repeat(Json.MAX_TOKENS) + "0]}";

        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON").contains("100000")
                .doesNotContain("com.fasterxml", "`", "Constraints");
    }

    @Test
    void aPropertyNameLongerThanTheLimitIsInvalidJson() {
        String body = "{\"" + "a".repeat(Json.MAX_NAME_LENGTH + 1) + "\":1}";

        assertThat(invalidJsonMessage(body)).startsWith("Invalid JSON").contains("256")
                .doesNotContain("com.fasterxml", "`", "Constraints");
    }

    @Test
    void propertyNamesMatchInAnyAsciiCase() {
        JsonFields body = parse("{\"cLIENTtOKEN\":\"x\"}");

        assertThat(body.string("ClientToken", 10)).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientTo\u212Aen", "\u0130dentifier"})
    void propertyNamesDoNotMatchThroughUnicodeCaseFolding(String name) {
        JsonFields body = parse("{\"" + name + "\":\"x\"}");

        assertThat(body.optionalString("ClientToken", 10)).isEmpty();
        assertThat(body.optionalString("Identifier", 10)).isEmpty();
    }

    @Test
    void unknownPropertiesAreIgnored() {
        JsonFields body = parse("{\"ClientToken\": \"x\", \"MaskedAccessToken\": \"C66E…\", \"Number\": 1e300,"
                + " \"Unknown\": {\"Nested\": [1, \"two\", {\"Three\": 3}]},"
                + " \"Limitation\": {\"Count\": 5, \"Extra\": true}}");

        assertThat(body.string("ClientToken", 10)).isEqualTo("x");
        assertThat(body.object("Limitation").integer("Count")).isEqualTo(5);
    }

    private static JsonFields parse(String body) {
        return JsonFields.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String invalidJsonMessage(String body) {
        return invalidJsonMessage(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String invalidJsonMessage(byte[] body) {
        Throwable failure = catchThrowable(() -> JsonFields.parse(body));
        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        return failure.getMessage();
    }
}
