package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * What tests say about an API answer: {@code assertThat(response).isOk()},
 * {@code .isBadRequestNaming("Limitation.Count")}, {@code .isUnauthorized()}, {@code .isError(413)}.
 * AssertJ's own {@code assertThat} returns this for an {@link ApiResponse} or a {@link RawHttp.Response}
 * (both are its {@code AssertProvider}s). Every failure shows the whole answer.
 */
public final class ApiResponseAssert extends AbstractAssert<ApiResponseAssert, ApiResponse> {

    /** Every error answer's Content-Type (Router.JSON). */
    public static final String JSON = "application/json; charset=utf-8";

    ApiResponseAssert(ApiResponse actual) {
        super(actual, ApiResponseAssert.class);
    }

    public ApiResponseAssert hasStatus(int status) {
        isNotNull();
        assertThat(actual.status()).as(about("status")).isEqualTo(status);
        return this;
    }

    public ApiResponseAssert isOk() {
        return hasStatus(200);
    }

    /** A Request-Id header, on any answer, success or error. */
    public ApiResponseAssert hasRequestId() {
        isNotNull();
        assertThat(actual.header("Request-Id")).as(about("Request-Id")).isNotBlank();
        return this;
    }

    /**
     * {@code status} with the error body of the public API: JSON, exactly Message (non-blank text),
     * RequestId (the Request-Id header's value) and Details (null).
     */
    public ApiResponseAssert isError(int status) {
        hasStatus(status);
        return hasErrorBody();
    }

    /** The error body alone (see {@link #isError}), whatever the status. */
    public ApiResponseAssert hasErrorBody() {
        isNotNull();
        assertThat(actual.header("Content-Type")).as(about("Content-Type")).isEqualTo(JSON);
        JsonNode body = actual.json();
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(about("error body names")).containsExactlyInAnyOrder("Message", "RequestId", "Details");
        assertThat(body.path("Message").isTextual()).as(about("Message")).isTrue();
        assertThat(body.path("Message").asText()).as(about("Message")).isNotBlank();
        assertThat(body.path("Details").isNull()).as(about("Details")).isTrue();
        assertThat(body.path("RequestId").isTextual()).as(about("RequestId")).isTrue();
        assertThat(body.path("RequestId").asText()).as(about("RequestId"))
                .isNotBlank()
                .isEqualTo(actual.header("Request-Id"));
        return this;
    }

    /** 400 with the error body, its Message beginning "Invalid " (every 400's does). */
    public ApiResponseAssert isBadRequest() {
        isError(400);
        return hasMessageStartingWith("Invalid ");
    }

    /** 400 with the error body, its Message beginning "Invalid " and then the field's JSON path, e.g. {@code Messages[1].Text}. */
    public ApiResponseAssert isBadRequestNaming(String field) {
        isBadRequest();
        // Every such Message is "Invalid <path>: <reason>"; the colon keeps "Limitation" from passing for "Limitation.Count".
        return hasMessageStartingWith("Invalid " + field + ":");
    }

    public ApiResponseAssert isUnauthorized() {
        return isError(401);
    }

    public ApiResponseAssert hasMessageStartingWith(String start) {
        isNotNull();
        assertThat(actual.message()).as(about("Message")).startsWith(start);
        return this;
    }

    public ApiResponseAssert hasMessageContaining(String... parts) {
        isNotNull();
        assertThat(actual.message()).as(about("Message")).contains(parts);
        return this;
    }

    /** A 200 body of the shape: its top-level properties, and its array (if any), each item with the item properties. */
    public ApiResponseAssert hasShape(Operations.Shape shape) {
        isNotNull();
        JsonNode json = actual.json();
        assertThat(json.isObject()).as(about("JSON object")).isTrue();
        for (String name : shape.topLevel()) {
            assertThat(json.has(name)).as(about(name)).isTrue();
        }
        if (shape.array() != null) {
            assertThat(json.path(shape.array()).isArray()).as(about(shape.array())).isTrue();
            json.path(shape.array()).forEach(item -> {
                for (String name : shape.itemFields()) {
                    assertThat(item.has(name)).as(about(shape.array() + "[]." + name)).isTrue();
                }
            });
        }
        return this;
    }

    /** What failed, after the description given with {@code as(...)} if any, and the whole answer. */
    private String about(String what) {
        String given = info.descriptionText();
        return (given.isEmpty() ? "" : given + ": ") + what + " of " + actual;
    }
}
