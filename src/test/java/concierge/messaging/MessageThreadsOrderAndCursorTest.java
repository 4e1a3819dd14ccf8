package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Tenants.Integration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** messageThreads/getAll pages (spec D4, D5; connector-api-notes §6): newest first, Count threads, then the Cursor. */
class MessageThreadsOrderAndCursorTest extends ThreadListingTest {

    // ----- D5: Count

    @Test
    void countOf1000IsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        MessageThread mine = seed(integration, T);

        ApiResponse response = pageAroundT(integration, count(1000));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void countOf1IsAccepted() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);
        MessageThread newest = seed(integration, T.plusSeconds(1));

        ApiResponse response = pageAroundT(integration, count(1));

        assertThat(threadIds(response)).containsExactly(id(newest));
    }

    @Test
    void countLimitsThePageToTheNewestThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = pageAroundT(integration, count(2));

        assertThat(threadIds(response)).containsExactly(id(threads.get(4)), id(threads.get(3)));
    }

    // ----- D4: order

    @Test
    void newestFirstByCreatedUtcNotByUpdatedUtcOrInsertion() {
        Integration integration = tenants.singleEnterpriseIntegration();
        UUID enterprise = integration.enterpriseId();
        // inserted out of time order; the most recently updated is the oldest created
        MessageThread middle = tenants.seedThread(integration, enterprise, T.plusSeconds(60), T.plusSeconds(500));
        MessageThread oldest = tenants.seedThread(integration, enterprise, T, T.plusSeconds(900));
        MessageThread newest = tenants.seedThread(integration, enterprise, T.plusSeconds(120), T.plusSeconds(120));

        ApiResponse response = pageAroundT(integration, count(10));

        assertThat(threadIds(response)).containsExactly(id(newest), id(middle), id(oldest));
    }

    @Test
    void tiesAreBrokenByInsertionOrderLatestFirst() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> sameSecond = tenants.seedThreads(integration, 12, T, 0);

        ApiResponse response = pageAroundT(integration, count(100));

        assertThat(threadIds(response)).containsExactlyElementsOf(reversedIds(sameSecond));
    }

    @Test
    void pagingOneByOneThroughTiesKeepsInsertionOrder() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> sameSecond = tenants.seedThreads(integration, 6, T, 0);
        MessageThread older = seed(integration, T.minusSeconds(1));
        MessageThread newer = seed(integration, T.plusSeconds(1));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int call = 0; call < 20; call++) {
            ApiResponse page = pageAroundT(integration, count(1, cursor));
            assertThat(page).isOk();
            if (page.json().path("MessageThreads").isEmpty()) {
                break;
            }
            seen.addAll(threadIds(page));
            cursor = page.json().path("Cursor").asText();
        }

        List<String> expected = new ArrayList<>();
        expected.add(id(newer));
        expected.addAll(reversedIds(sameSecond));
        expected.add(id(older));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    // ----- D4: the cursor

    @Test
    void cursorIsTheIdOfTheLastThreadReturned() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = pageAroundT(integration, count(3));

        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(threads.get(2)));
    }

    @Test
    void cursorFetchesTheNextOlderThreads() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 5, T, 60);

        ApiResponse response = pageAroundT(integration, count(2, id(threads.get(3))));

        assertThat(threadIds(response)).containsExactly(id(threads.get(2)), id(threads.get(1)));
        assertThat(response.json().path("Cursor").asText()).isEqualTo(id(threads.get(1)));
    }

    @Test
    void emptyPageHasAnExplicitNullCursor() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = pageAroundT(integration, count(10));

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads").isArray()).isTrue();
        assertThat(response.json().path("MessageThreads")).isEmpty();
        assertThat(response.json().has("Cursor")).as(response.toString()).isTrue();
        assertThat(response.json().get("Cursor").isNull()).as(response.toString()).isTrue();
    }

    @Test
    void fullLastPageStillCarriesACursorAndTheNextCallIsEmpty() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 4, T, 60);

        ApiResponse first = pageAroundT(integration, count(2));
        ApiResponse second = pageAroundT(integration, count(2, first.json().path("Cursor").asText()));
        ApiResponse third = pageAroundT(integration, count(2, second.json().path("Cursor").asText()));

        assertThat(threadIds(second)).containsExactly(id(threads.get(1)), id(threads.get(0)));
        assertThat(second.json().path("Cursor").asText()).isEqualTo(id(threads.get(0)));
        assertThat(third).isOk();
        assertThat(third.json().path("MessageThreads")).isEmpty();
        assertThat(third.json().has("Cursor")).isTrue();
        assertThat(third.json().get("Cursor").isNull()).as(third.toString()).isTrue();
    }

    @Test
    void unknownCursorIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();
        seed(integration, T);

        ApiResponse response = pageAroundT(integration, count(10, UUID.randomUUID().toString()));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    @Test
    void cursorOfAnotherClientsThreadIsRejectedLikeAnUnknownOne() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        seed(integration, T);
        MessageThread theirs = seed(stranger, T.plusSeconds(1));

        ApiResponse foreign = pageAroundT(integration, count(10, id(theirs)));
        ApiResponse unknown = pageAroundT(integration, count(10, UUID.randomUUID().toString()));

        assertThat(foreign).isBadRequestNaming("Cursor");
        assertThat(foreign.message()).isEqualTo(unknown.message());
        assertThat(foreign.json().get("Details")).isEqualTo(unknown.json().get("Details"));
    }

    @Test
    void cursorOfAnotherClientsThreadIsRejectedEvenRightAfterItsOwnerWasGivenIt() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        seed(integration, T);
        seed(stranger, T.plusSeconds(1));
        ApiResponse ownersPage = pageAroundT(stranger, count(10));

        ApiResponse foreign = pageAroundT(integration, count(10, ownersPage.json().path("Cursor").asText()));

        assertThat(ownersPage).isOk();
        assertThat(foreign).isBadRequestNaming("Cursor");
    }

    @Test
    void cursorOfTheClientsOwnThreadOutsideTheTokensScopeIsRejected() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration elsewhere = tenants.integration(integration.client(), tenants.enterprise());
        seed(integration, T);
        MessageThread otherEnterprise = seed(elsewhere, T.plusSeconds(1));

        ApiResponse response = pageAroundT(integration, count(10, id(otherEnterprise)));

        assertThat(response).isBadRequestNaming("Cursor");
    }

    @Test
    void cursorMayNameAVisibleThreadThatTheFiltersLeaveOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        List<MessageThread> threads = tenants.seedThreads(integration, 3, T, 60);

        // the cursor thread is not among the requested Ids, but the caller sees it: it still positions
        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(threads.get(0), threads.get(2)),
                "Limitation", count(10, id(threads.get(1))));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(threads.get(0)));
    }

    /** A page of the integration's threads created around T: the filter here only selects them all. */
    private ApiResponse pageAroundT(Integration integration, Map<String, Object> limitation) {
        return getAll(integration, "CreatedUtc", AROUND_T, "Limitation", limitation);
    }
}
