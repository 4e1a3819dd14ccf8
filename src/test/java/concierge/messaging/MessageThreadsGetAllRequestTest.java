package concierge.messaging;

import static concierge.messaging.ThreadListingTest.AROUND_T;
import static concierge.messaging.ThreadListingTest.T;
import static concierge.messaging.ThreadListingTest.count;
import static concierge.messaging.ThreadListingTest.getAll;
import static concierge.messaging.ThreadListingTest.id;
import static concierge.messaging.ThreadListingTest.interval;
import static concierge.messaging.ThreadListingTest.threadIds;
import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.RawBody;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths;
import concierge.testing.OnH2;
import concierge.testing.Tenants.Integration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A messageThreads/getAll request over HTTP (spec D1, D5, D8, D13, D17): each field it reads is refused
 * in the API's error format naming the field, and Prefer: return=minimal. What each field accepts and
 * refuses is GetAllMessageThreadsRequestTest, with no server; no database takes part here.
 */
class MessageThreadsGetAllRequestTest extends OnH2 {

    /**
     * One wrong value per field getAll reads, the rest of the body valid: the decoder's (or, for a
     * Count out of range, the use case's) refusal reaches the client.
     */
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "EnterpriseIds       | EnterpriseIds    | []",
            "MessageThreadIds[0] | MessageThreadIds | ['not-a-uuid']",
            "CreatedUtc.StartUtc | CreatedUtc       | {'StartUtc': 'yesterday', 'EndUtc': '2022-03-08T00:00:00Z'}",
            "UpdatedUtc.EndUtc   | UpdatedUtc       | {'StartUtc': '2022-03-01T00:00:00Z', 'EndUtc': 'yesterday'}",
            "Limitation          | Limitation       | null",
            "Limitation.Count    | Limitation       | {'Count': 10.5}",
            "Limitation.Count    | Limitation       | {'Count': 1001}",
            "Limitation.Cursor   | Limitation       | {'Count': 10, 'Cursor': 'not-a-uuid'}"})
    void aFieldThatCannotBeReadIsRefusedNamingIt(String path, String field, String rawValue) {
        Integration integration = tenants.singleEnterpriseIntegration();
        RawBody body = RawBody.of(integration.body("CreatedUtc", AROUND_T, "Limitation", count(10)))
                .with(field, rawValue);

        ApiResponse response = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, body.json());

        assertThat(response).isBadRequestNaming(path);
    }

    // ----- D8: a thread or time filter is required

    @Test
    void enterpriseIdsAloneIsNotAFilter() {
        Integration integration = tenants.singleEnterpriseIntegration();
        tenants.seedThread(integration, integration.enterpriseId(), T, T);

        ApiResponse response = getAll(tenants, integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString()),
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming("MessageThreadIds");
    }

    // ----- D1: an interval is at most three calendar months (TimeIntervalTest), for each filter

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void startAfterEndIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(tenants, integration,
                field, interval(T.plusSeconds(1), T),
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void threeCalendarMonthsAndOneSecondIsRejected(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(tenants, integration,
                field, interval("2022-01-15T00:00:00Z", "2022-04-15T00:00:01Z"),
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming(field);
    }

    // ----- D17: Prefer: return=minimal

    @Test
    void preferMinimalAnswers204WithNoBodyForAnEmptyPage() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("CreatedUtc", AROUND_T, "Limitation", count(10)),
                "Prefer", "return=minimal");

        assertThat(response).hasStatus(204).hasRequestId();
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Type")).isNull();
    }

    @Test
    void preferMinimalStillAnswers200ForAPageWithThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = tenants.seedThread(integration, integration.enterpriseId(), T, T);

        ApiResponse response = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL,
                integration.body("CreatedUtc", AROUND_T, "Limitation", count(10)),
                "Prefer", "return=minimal");

        assertThat(threadIds(response)).containsExactly(id(mine));
        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(mine));
    }

    @Test
    void withoutPreferAnEmptyPageIs200() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(tenants, integration, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).isEmpty();
    }
}
