package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import concierge.errors.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec D13/D14: a body that is not JSON gets 400 "Invalid JSON" saying what is wrong and where, in plain words. */
class JsonFieldsTest {

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
        JsonFields body = JsonFields.parse("{\"cLIENTtOKEN\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(body.string("ClientToken", 10)).isEqualTo("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientTo\u212Aen", "\u0130dentifier"})
    void propertyNamesDoNotMatchThroughUnicodeCaseFolding(String name) {
        JsonFields body = JsonFields.parse(("{\"" + name + "\":\"x\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(body.optionalString("ClientToken", 10)).isEmpty();
        assertThat(body.optionalString("Identifier", 10)).isEmpty();
    }

    private static String invalidJsonMessage(String body) {
        Throwable failure = catchThrowable(() -> JsonFields.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        return failure.getMessage();
    }
}
