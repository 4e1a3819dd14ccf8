package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Tenants.Integration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The threads messageThreads/getAll answers, as emitted (spec D2, D11): the documented properties,
 * times in whole UTC seconds, IsResolved always present, Ids in lower case.
 */
class MessageThreadsAnswerTest extends ThreadListingTest {

    @Test
    void threadsCarryExactlyTheDocumentedPropertiesWithWholeSecondUtcTimes() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread seeded = tenants.seedThread(integration, integration.enterpriseId(), T, T.plusSeconds(30));

        JsonNode thread = getAll(integration, "MessageThreadIds", ids(seeded), "Limitation", count(10))
                .json().path("MessageThreads").get(0);

        List<String> names = new ArrayList<>();
        thread.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("Id", "OriginalSender", "Subject", "CreatedUtc", "UpdatedUtc",
                "IsResolved");
        assertThat(thread.path("CreatedUtc").asText()).isEqualTo("2022-03-07T16:09:45Z");
        assertThat(thread.path("UpdatedUtc").asText()).isEqualTo("2022-03-07T16:10:15Z");
        assertThat(thread.path("OriginalSender").asText()).isEqualTo(seeded.originalSender());
        assertThat(thread.path("Subject").asText()).isEqualTo(seeded.subject());
    }

    @Test
    void isResolvedIsEmittedAndFalseForAThreadJustAdded() {
        Integration integration = tenants.singleEnterpriseIntegration();
        JsonNode added = tenants.addThread(integration);

        JsonNode thread = getAll(integration, "MessageThreadIds", List.of(added.path("Id").asText()),
                "Limitation", count(10)).json().path("MessageThreads").get(0);

        assertThat(thread.get("IsResolved")).as(thread.toString()).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void isResolvedIsEmittedAndFalseForAThreadListedByTime() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);

        JsonNode thread = getAll(integration, "CreatedUtc", AROUND_T, "Limitation", count(10))
                .json().path("MessageThreads").get(0);

        assertThat(thread.get("IsResolved")).as(thread.toString()).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void idsAndCursorAreEmittedLowerCase() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", List.of(id(mine).toUpperCase()),
                "Limitation", count(10));

        String lowerCaseUuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        assertThat(response.json().path("MessageThreads").get(0).path("Id").asText())
                .matches(lowerCaseUuid).isEqualTo(id(mine));
        assertThat(response.json().path("Cursor").asText()).matches(lowerCaseUuid).isEqualTo(id(mine));
    }
}
