package concierge.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants.Integration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the request log through admin requests/getAll. The requests are stored straight into the
 * shared server's log, each test under client Ids of its own, so the filters and pages see only them.
 */
class RequestsGetAllTest extends OnBothEngines {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00.250Z");

    private JdbiRequestLogStore store;
    private ClientId client;
    private IntegrationId integration;

    @BeforeEach
    void freshClient() {
        store = new JdbiRequestLogStore(server().database().jdbi());
        client = new ClientId(UUID.randomUUID());
        integration = new IntegrationId(UUID.randomUUID());
    }

    @Test
    void aLoggedRequestIsAnsweredWithEveryField() {
        LoggedRequest request = new LoggedRequest(UUID.randomUUID(), AT, "messages/add", 400, 12_345,
                Optional.of(client), Optional.of(integration), Optional.of("Messages[0].Text: must not be empty."),
                "{\"AccessToken\":\"****453D\"}", "{\"Message\":\"Messages[0].Text: must not be empty.\"}");
        store.add(List.of(request));

        JsonNode logged = single(getAll("RequestIds", List.of(request.requestId().toString())));

        assertThat(logged.path("RequestId").asText()).isEqualTo(request.requestId().toString());
        assertThat(logged.path("CreatedUtc").asText()).isEqualTo("2026-11-30T10:00:00.250Z");
        assertThat(logged.path("Operation").asText()).isEqualTo("messages/add");
        assertThat(logged.path("Status").asInt()).isEqualTo(400);
        assertThat(logged.path("DurationMilliseconds").asDouble()).isEqualTo(12.345);
        assertThat(logged.path("ClientId").asText()).isEqualTo(client.toString());
        assertThat(logged.path("IntegrationId").asText()).isEqualTo(integration.toString());
        assertThat(logged.path("Message").asText()).isEqualTo("Messages[0].Text: must not be empty.");
        assertThat(logged.path("RequestBody").asText()).isEqualTo(request.requestBody());
        assertThat(logged.path("ResponseBody").asText()).isEqualTo(request.responseBody());
    }

    @Test
    void aRequestIdFindsItsRequestAmongAllOthers() {
        List<LoggedRequest> requests = log(3, "messageThreads/getAll", 200);

        ApiResponse response = getAll("RequestIds", List.of(requests.get(1).requestId().toString()));

        assertThat(requestIds(response)).containsExactly(requests.get(1).requestId());
    }

    @Test
    void clientIdsNarrowToThoseClients() {
        List<LoggedRequest> mine = log(2, "messageThreads/getAll", 200);
        ClientId other = client;
        client = new ClientId(UUID.randomUUID());
        log(1, "messageThreads/getAll", 200);

        assertThat(requestIds(getAll("ClientIds", List.of(other.toString()))))
                .containsExactlyElementsOf(newestFirst(mine));
    }

    @Test
    void integrationIdsNarrowToThoseIntegrations() {
        List<LoggedRequest> first = log(1, "messageThreads/getAll", 200);
        IntegrationId firstIntegration = integration;
        integration = new IntegrationId(UUID.randomUUID());
        log(1, "messageThreads/getAll", 200);

        assertThat(requestIds(getAll("ClientIds", List.of(client.toString()),
                "IntegrationIds", List.of(firstIntegration.toString()))))
                .containsExactlyElementsOf(ids(first));
    }

    @Test
    void operationsNarrowToThoseOperations() {
        List<LoggedRequest> adds = log(2, "messages/add", 200);
        log(2, "messageThreads/getAll", 200);

        assertThat(requestIds(getAll("ClientIds", List.of(client.toString()), "Operations", List.of("messages/add"))))
                .containsExactlyElementsOf(newestFirst(adds));
    }

    @Test
    void statusClassesNarrowToThoseStatuses() {
        log(1, "messages/add", 200);
        List<LoggedRequest> failed = new ArrayList<>(log(1, "messages/add", 400));
        failed.addAll(log(1, "messages/add", 429));
        List<LoggedRequest> serverErrors = log(1, "messages/add", 503);

        assertThat(requestIds(getAll("ClientIds", List.of(client.toString()), "StatusClasses", List.of("4xx"))))
                .containsExactlyElementsOf(newestFirst(failed));
        assertThat(requestIds(getAll("ClientIds", List.of(client.toString()), "StatusClasses", List.of("5XX", "4xx"))))
                .hasSize(3).contains(serverErrors.getFirst().requestId());
    }

    @Test
    void createdUtcNarrowsToTheInterval() {
        LoggedRequest before = at(AT.minusSeconds(3600));
        LoggedRequest inside = at(AT);
        LoggedRequest atTheEnd = at(AT.plusSeconds(60));
        store.add(List.of(before, inside, atTheEnd));

        ApiResponse response = getAll("ClientIds", List.of(client.toString()), "CreatedUtc",
                Map.of("StartUtc", AT.minusSeconds(60).toString(), "EndUtc", AT.plusSeconds(60).toString()));

        assertThat(requestIds(response)).containsExactly(inside.requestId());
    }

    @Test
    void pagesGoNewestFirstAndTheCursorIsTheLastRequestId() {
        List<UUID> expected = newestFirst(log(5, "messageThreads/getAll", 200));
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> limitation = new LinkedHashMap<>(Map.of("Count", 2));
            if (cursor != null) {
                limitation.put("Cursor", cursor);
            }
            ApiResponse page = tenants.api().admin(Admin.REQUESTS_GET_ALL,
                    Map.of("ClientIds", List.of(client.toString()), "Limitation", limitation));
            assertThat(page).isOk();
            seen.addAll(requestIds(page));
            cursor = page.json().path("Cursor").isNull() ? null : page.json().path("Cursor").asText();
            assertThat(seen.size()).as("pages end").isLessThanOrEqualTo(expected.size());
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void anUnknownCursorIsABadRequest() {
        ApiResponse response = tenants.api().admin(Admin.REQUESTS_GET_ALL,
                Map.of("Limitation", Map.of("Count", 10, "Cursor", UUID.randomUUID().toString())));

        assertThat(response).isBadRequest().hasMessageContaining("Cursor");
    }

    @Test
    void anUnknownStatusClassIsABadRequestNamingIt() {
        ApiResponse response = tenants.api().admin(Admin.REQUESTS_GET_ALL,
                Map.of("StatusClasses", List.of("4xx", "600"), "Limitation", Map.of("Count", 10)));

        assertThat(response).isBadRequestNaming("StatusClasses[1]");
    }

    @Test
    void aCountAboveTheMaximumIsABadRequest() {
        ApiResponse response = tenants.api().admin(Admin.REQUESTS_GET_ALL,
                Map.of("Limitation", Map.of("Count", GetAllRequests.MAX_COUNT + 1)));

        assertThat(response).isBadRequestNaming("Limitation.Count");
    }

    @Test
    void theAnswerSaysHowManyRequestsThisInstanceCouldNotLog() {
        JsonNode notLogged = getAll("ClientIds", List.of(client.toString())).json().path("NotLogged");

        assertThat(notLogged.path("QueueFull").isNumber()).isTrue();
        assertThat(notLogged.path("WriteFailed").isNumber()).isTrue();
    }

    /** A hostile tenant: its own Connector credentials, or its hotel's staff token, read nothing of the log. */
    @Test
    void onlyTheAdminTokenReadsTheLog() {
        log(1, "messageThreads/getAll", 200);
        Integration tenant = tenants.singleEnterpriseIntegration();
        Map<String, Object> query = tenant.body("ClientIds", List.of(client.toString()), "Limitation", Map.of("Count", 10));

        ApiResponse anonymous = tenants.api().post(Admin.REQUESTS_GET_ALL, query);
        ApiResponse staff = tenants.api().post(Admin.REQUESTS_GET_ALL, query,
                "Authorization", "Bearer " + tenants.staffToken(tenant.enterpriseId()));
        ApiResponse accessToken = tenants.api().post(Admin.REQUESTS_GET_ALL, query,
                "Authorization", "Bearer " + tenant.accessToken());

        for (ApiResponse refused : List.of(anonymous, staff, accessToken)) {
            assertThat(refused).isUnauthorized();
            assertThat(refused.body()).doesNotContain(client.toString());
        }
    }

    private List<LoggedRequest> log(int count, String operation, int status) {
        List<LoggedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new LoggedRequest(UUID.randomUUID(), AT, operation, status, 1000, Optional.of(client),
                    Optional.of(integration), status == 200 ? Optional.empty() : Optional.of("failed"), "{}", "{}"));
        }
        store.add(requests);
        return requests;
    }

    private LoggedRequest at(Instant createdUtc) {
        return new LoggedRequest(UUID.randomUUID(), createdUtc.truncatedTo(ChronoUnit.MILLIS), "messageThreads/getAll",
                200, 1000, Optional.of(client), Optional.of(integration), Optional.empty(), "{}", "{}");
    }

    private ApiResponse getAll(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        body.put("Limitation", Map.of("Count", 100));
        ApiResponse response = tenants.api().admin(Admin.REQUESTS_GET_ALL, body);
        assertThat(response).isOk();
        return response;
    }

    private static JsonNode single(ApiResponse response) {
        assertThat(response.json().path("Requests")).as(response.toString()).hasSize(1);
        return response.json().path("Requests").get(0);
    }

    private static List<UUID> requestIds(ApiResponse response) {
        List<UUID> ids = new ArrayList<>();
        response.json().path("Requests").forEach(item -> ids.add(UUID.fromString(item.path("RequestId").asText())));
        return ids;
    }

    private static List<UUID> ids(List<LoggedRequest> requests) {
        return requests.stream().map(LoggedRequest::requestId).toList();
    }

    private static List<UUID> newestFirst(List<LoggedRequest> requests) {
        return ids(requests).reversed();
    }
}
