package concierge.auth;

import static concierge.auth.ConnectorAuthenticationTest.validGetAllBody;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnH2;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The credentials of a Connector request over HTTP (spec D14, D15, D18): each field, missing or
 * mis-paired, is refused in the API's error format naming it, by every operation that reads them;
 * a refused token gets the error body and is never echoed. Every value each field refuses is
 * ConnectorRequestsTest; no database decides anything here.
 */
class ConnectorCredentialsTest extends OnH2 {

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void missingCredentialIsRefusedNamingIt(String field) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.remove(field);

        assertThat(getAll(body)).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ClientToken", "AccessToken", "Client"})
    void credentialsAreRequiredByAddToo(String field) {
        Map<String, Object> body = tenants.singleEnterpriseIntegration()
                .body("OriginalSender", "Jane Guest", "Subject", "Parking");
        body.remove(field);

        assertThat(tenants.api().post(Connector.MESSAGE_THREADS_ADD, body)).isBadRequestNaming(field);
    }

    @ParameterizedTest(name = "only {0}")
    @CsvSource({"LanguageCode, CultureCode", "CultureCode, LanguageCode"})
    void languageCodeAndCultureCodeAreRefusedOneWithoutTheOther(String sent, String missing) {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put(sent, "en-US");

        assertThat(getAll(body)).isBadRequestNaming(missing);
    }

    @Test
    void unauthorizedAnswerHasTheErrorBody() {
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("AccessToken", "unknown");

        assertThat(getAll(body)).isUnauthorized();
    }

    @Test
    void unauthorizedMessageDoesNotEchoTheToken() {
        String presented = "SECRET-" + UUID.randomUUID();
        Map<String, Object> body = validGetAllBody(tenants.singleEnterpriseIntegration());
        body.put("AccessToken", presented);

        ApiResponse response = getAll(body);

        assertThat(response).isUnauthorized();
        assertThat(response.body()).doesNotContain(presented);
    }

    private ApiResponse getAll(Map<String, Object> body) {
        return tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }
}
