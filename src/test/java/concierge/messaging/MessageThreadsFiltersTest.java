package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * messageThreads/getAll filters (spec D1, D3, D8; connector-api-notes §3.1): thread Ids and the
 * CreatedUtc and UpdatedUtc intervals, each as the database applies it, combined with AND.
 */
class MessageThreadsFiltersTest extends ThreadListingTest {

    // ----- D8: filters combine with AND

    @Test
    void returnsTheCallersThreadFoundByItsId() {
        Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(added.path("Id").asText()),
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads")).containsExactly(added);
        assertThat(response.json().path("Cursor").asText()).isEqualTo(added.path("Id").asText());
    }

    @Test
    void threadIdsAndCreatedUtcCombineWithAnd() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread inside = seed(integration, T);
        MessageThread outside = seed(integration, T.plus(Duration.ofDays(60)));
        MessageThread notAsked = seed(integration, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(inside, outside),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(inside));
        assertThat(threadIds(response)).doesNotContain(id(notAsked));
    }

    @Test
    void createdUtcAndUpdatedUtcCombineWithAnd() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread both = tenants.seedThread(integration, integration.enterpriseId(), T, T.plusSeconds(60));
        tenants.seedThread(integration, integration.enterpriseId(), T, T.plus(Duration.ofDays(60)));
        tenants.seedThread(integration, integration.enterpriseId(), T.minus(Duration.ofDays(60)), T.plusSeconds(60));

        ApiResponse response = getAll(integration,
                "CreatedUtc", AROUND_T,
                "UpdatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(both));
    }

    // ----- D8: MessageThreadIds

    @Test
    void unknownThreadIdsAreSilentlyLeftOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(UUID.randomUUID().toString(), id(mine), UUID.randomUUID().toString()),
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void aRepeatedThreadIdReturnsTheThreadOnce() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(mine, mine),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void exactly1000MessageThreadIdsIsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);
        List<String> ids = new ArrayList<>(randomIds(999));
        ids.add(id(mine));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids,
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    // ----- D1, D3: CreatedUtc and UpdatedUtc

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void startUtcIsInclusive(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread atStart = seed(integration, field, T);
        seed(integration, field, T.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, T.plusSeconds(3600)),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(atStart));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void endUtcIsExclusive(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Instant end = T.plusSeconds(3600);
        seed(integration, field, end);
        MessageThread justBeforeEnd = seed(integration, field, end.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, end),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(justBeforeEnd));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void equalityModeMatchesOnlyThatExactInstant(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, field, T.minusSeconds(1));
        MessageThread exact = seed(integration, field, T);
        seed(integration, field, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(T, T),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(exact));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CreatedUtc", "UpdatedUtc"})
    void exactlyThreeCalendarMonthsIsAccepted(String field) {
        Integration integration = tenants.singleEnterpriseIntegration();
        Instant start = Instant.parse("2022-01-15T00:00:00Z");
        Instant end = Instant.parse("2022-04-15T00:00:00Z");
        MessageThread first = seed(integration, field, start);
        MessageThread last = seed(integration, field, end.minusSeconds(1));

        ApiResponse response = getAll(integration,
                field, interval(start, end),
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(last), id(first));
    }

    @Test
    void fractionalBoundsCompareAsExactInstants() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread atT = seed(integration, T);
        seed(integration, T.plusSeconds(1));

        // T lies in [T - 0.5 s, T + 0.5 s); T + 1 s does not
        ApiResponse response = getAll(integration,
                "CreatedUtc", interval("2022-03-07T16:09:44.5Z", "2022-03-07T16:09:45.5Z"),
                "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(atT));
    }

    @Test
    void datesAtTheEdgesOfTheCalendarAreAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse earliest = getAll(integration,
                "CreatedUtc", interval("0001-01-01T00:00:00Z", "0001-03-01T00:00:00Z"),
                "Limitation", count(10));
        ApiResponse latest = getAll(integration,
                "CreatedUtc", interval("9999-10-01T00:00:00Z", "9999-12-31T23:59:59Z"),
                "Limitation", count(10));

        assertThat(earliest).isOk();
        assertThat(latest).isOk();
    }
}
