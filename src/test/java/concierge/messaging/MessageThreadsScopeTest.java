package concierge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whose threads messageThreads/getAll lists (spec D6, D7): the client's own, in the enterprises of the token. */
class MessageThreadsScopeTest extends ThreadListingTest {

    // ----- D6: the client's own threads

    @Test
    void anotherClientsThreadIdsAreSilentlyLeftOut() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.integration(tenants.client(), integration.enterpriseId());
        MessageThread mine = seed(integration, T);
        MessageThread theirs = seed(stranger, T.plusSeconds(1));

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(mine, theirs),
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(threadIds(response)).containsExactly(id(mine));
    }

    @Test
    void onlyForeignThreadIdsGiveAnEmptyPage() {
        Integration integration = tenants.singleEnterpriseIntegration();
        Integration stranger = tenants.singleEnterpriseIntegration();
        MessageThread theirs = seed(stranger, T);

        ApiResponse response = getAll(integration,
                "MessageThreadIds", ids(theirs),
                "Limitation", count(10));

        assertThat(response).isOk();
        assertThat(response.json().path("MessageThreads").isArray()).isTrue();
        assertThat(response.json().path("MessageThreads")).isEmpty();
    }

    @Test
    void twoClientsInTheSameEnterpriseDoNotSeeEachOthersThreadsById() {
        UUID enterprise = tenants.enterprise();
        Integration alice = tenants.integration(tenants.client(), enterprise);
        Integration bob = tenants.integration(tenants.client(), enterprise);
        MessageThread alices = seed(alice, T);
        MessageThread bobs = seed(bob, T);

        ApiResponse forAlice = getAll(alice, "MessageThreadIds", ids(alices, bobs), "Limitation", count(10));
        ApiResponse forBob = getAll(bob, "MessageThreadIds", ids(alices, bobs), "Limitation", count(10));

        assertThat(threadIds(forAlice)).containsExactly(id(alices));
        assertThat(threadIds(forBob)).containsExactly(id(bobs));
    }

    @Test
    void twoClientsInTheSameEnterpriseDoNotSeeEachOthersThreadsByTime() {
        UUID enterprise = tenants.enterprise();
        Integration alice = tenants.integration(tenants.client(), enterprise);
        Integration bob = tenants.integration(tenants.client(), enterprise);
        MessageThread alices = seed(alice, T);
        MessageThread bobs = seed(bob, T);

        ApiResponse forAlice = getAll(alice, "CreatedUtc", AROUND_T, "Limitation", count(10));
        ApiResponse forBob = getAll(bob, "UpdatedUtc", interval(T, T), "Limitation", count(10));

        assertThat(threadIds(forAlice)).containsExactly(id(alices));
        assertThat(threadIds(forBob)).containsExactly(id(bobs));
    }

    @Test
    void anotherIntegrationOfTheSameClientAndEnterpriseSeesTheClientsThreads() {
        Integration first = tenants.singleEnterpriseIntegration();
        Integration second = tenants.integration(first.client(), first.enterpriseId());
        JsonNode added = tenants.addThread(first);
        String addedId = added.path("Id").asText();

        ApiResponse byIds = getAll(second, "MessageThreadIds", List.of(addedId), "Limitation", count(10));
        String created = added.path("CreatedUtc").asText();
        ApiResponse byTime = getAll(second, "CreatedUtc", interval(created, created), "Limitation", count(10));

        assertThat(byIds.json().path("MessageThreads")).containsExactly(added);
        assertThat(threadIds(byTime)).containsExactly(addedId);
    }

    // ----- D7: the enterprises of the token, and EnterpriseIds

    @Test
    void singleEnterpriseTokenDoesNotSeeTheSameClientsThreadsInAnotherEnterprise() {
        Integration here = tenants.singleEnterpriseIntegration();
        Integration there = tenants.integration(here.client(), tenants.enterprise());
        MessageThread hereThread = seed(here, T);
        MessageThread thereThread = seed(there, T.plusSeconds(1));

        ApiResponse byIds = getAll(here, "MessageThreadIds", ids(hereThread, thereThread), "Limitation", count(10));
        ApiResponse byTime = getAll(here, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(threadIds(byIds)).containsExactly(id(hereThread));
        assertThat(threadIds(byTime)).containsExactly(id(hereThread));
    }

    @Test
    void portfolioTokenSeesTheClientsThreadsInEveryEnterpriseOfItsScope() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, second);
        MessageThread inFirst = tenants.seedThread(portfolio, first, T, T);
        MessageThread inSecond = tenants.seedThread(tenants.integration(client, second), second,
                T.plusSeconds(1), T.plusSeconds(1));
        MessageThread olderInFirst = tenants.seedThread(portfolio, first, T.minusSeconds(1), T.minusSeconds(1));

        ApiResponse response = getAll(portfolio, "CreatedUtc", AROUND_T, "Limitation", count(10));

        assertThat(threadIds(response)).containsExactly(id(inSecond), id(inFirst), id(olderInFirst));
    }

    @Test
    void portfolioTokenSeesThreadsCreatedThroughTheClientsSingleEnterpriseToken() {
        Integration single = tenants.singleEnterpriseIntegration();
        Integration portfolio = tenants.integration(single.client(), single.enterpriseId(), tenants.enterprise());
        JsonNode added = tenants.addThread(single);

        ApiResponse response = getAll(portfolio,
                "MessageThreadIds", List.of(added.path("Id").asText()),
                "Limitation", count(10));

        assertThat(response.json().path("MessageThreads")).containsExactly(added);
    }

    @Test
    void enterpriseIdsNarrowsToTheNamedEnterprises() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        UUID second = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, second);
        MessageThread inFirst = tenants.seedThread(portfolio, first, T, T);
        MessageThread inSecond = tenants.seedThread(portfolio, second, T.plusSeconds(1), T.plusSeconds(1));

        ApiResponse onlySecond = getAll(portfolio,
                "EnterpriseIds", List.of(second.toString()),
                "MessageThreadIds", ids(inFirst, inSecond),
                "Limitation", count(10));
        ApiResponse both = getAll(portfolio,
                "EnterpriseIds", List.of(first.toString(), second.toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(threadIds(onlySecond)).containsExactly(id(inSecond));
        assertThat(threadIds(both)).containsExactly(id(inSecond), id(inFirst));
    }

    @Test
    void enterpriseIdOutsideThePortfolioScopeIsRejectedNamingIt() {
        Tenants.Client client = tenants.client();
        UUID first = tenants.enterprise();
        Integration portfolio = tenants.integration(client, first, tenants.enterprise());
        UUID outside = tenants.enterprise();
        tenants.integration(client, outside);

        ApiResponse response = getAll(portfolio,
                "EnterpriseIds", List.of(first.toString(), outside.toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming("EnterpriseIds[1]");
    }

    @Test
    void anotherEnterpriseIdWithASingleEnterpriseTokenIsRejectedNamingIt() {
        Integration here = tenants.singleEnterpriseIntegration();
        Integration there = tenants.integration(here.client(), tenants.enterprise());
        seed(there, T);

        ApiResponse response = getAll(here,
                "EnterpriseIds", List.of(there.enterpriseId().toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming("EnterpriseIds[0]");
    }

    @Test
    void unknownEnterpriseIdIsRejectedNamingIt() {
        Integration integration = tenants.singleEnterpriseIntegration();

        ApiResponse response = getAll(integration,
                "EnterpriseIds", List.of(integration.enterpriseId().toString(), UUID.randomUUID().toString()),
                "CreatedUtc", AROUND_T,
                "Limitation", count(10));

        assertThat(response).isBadRequestNaming("EnterpriseIds[1]");
    }
}
