package concierge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.EventStreamReader;
import concierge.testing.LoggedRequests;
import concierge.testing.OnBothEngines;
import concierge.testing.TestConfig;
import concierge.testing.TestServers;
import concierge.testing.Tenants;
import concierge.testing.Tenants.Integration;
import concierge.testing.WebhookReceiver;
import concierge.testing.WebhookReceiver.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The admin reset (issue 14): the database goes back to exactly the demo data, and nothing this
 * instance remembers serves the old tenants (credentials, thread placements, open event streams).
 * A server of its own on its own database, with the reset allowed (on PostgreSQL it is not, unless
 * CONCIERGE_ALLOW_RESET says so; the shared test servers refuse it).
 */
class ResetTest extends OnBothEngines {

    static App app;

    @BeforeParameterizedClassInvocation
    static void startWithResetAllowed(Engine engine) {
        app = TestServers.startWithResetAllowed(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void anIntegrationProvisionedBeforeTheResetGets401RightAfterIt() {
        Integration integration = tenants.singleEnterpriseIntegration();
        assertThat(threads(integration.body("Limitation", Map.of("Count", 1), "MessageThreadIds", List.of(UUID.randomUUID().toString())))).isOk(); // remembered now

        assertThat(reset(tenants.api())).isOk();

        assertThat(threads(integration.body("Limitation", Map.of("Count", 1), "MessageThreadIds", List.of(UUID.randomUUID().toString())))).isUnauthorized();
    }

    @Test
    void aStaffTokenIssuedBeforeTheResetGets401RightAfterIt() {
        String staffToken = tenants.staffToken(tenants.enterprise());
        assertThat(staffThreads(staffToken)).isOk();

        assertThat(reset(tenants.api())).isOk();

        assertThat(staffThreads(staffToken)).isUnauthorized();
    }

    @Test
    void afterAResetTheDocumentationsExampleAnswersItsThreadAgain() {
        assertThat(reset(tenants.api())).isOk();
        ApiResponse before = threads(example());
        tenants.singleEnterpriseIntegration();

        assertThat(reset(tenants.api())).isOk();

        ApiResponse after = threads(example());
        assertThat(after).isOk();
        assertThat(after.json().path("MessageThreads")).extracting(thread -> thread.path("Id").asText())
                .containsExactly(DemoData.EXAMPLE_THREAD.toString());
        assertThat(after.json()).isEqualTo(before.json());
    }

    @Test
    void aResetLeavesOnlyTheDemoData() {
        tenants.singleEnterpriseIntegration();

        assertThat(reset(tenants.api())).isOk();

        assertThat(listed(Admin.CLIENTS_GET_ALL, "Clients", "Name"))
                .containsExactlyInAnyOrder("Sample Client", "Second Sample Client");
        assertThat(listed(Admin.ENTERPRISES_GET_ALL, "Enterprises", "Id"))
                .containsExactlyInAnyOrder(DemoData.LONDON.toString(), DemoData.WASHINGTON.toString());
        assertThat(listed(Admin.INTEGRATIONS_GET_ALL, "Integrations", "Id")).hasSize(3);
    }

    @Test
    void aResetEmptiesTheRequestLog() {
        Integration integration = tenants.singleEnterpriseIntegration();
        ApiResponse listed = threads(integration.body("Limitation", Map.of("Count", 1),
                "MessageThreadIds", List.of(UUID.randomUUID().toString())));
        LoggedRequests.await(app, listed.header("Request-Id"));

        assertThat(reset(tenants.api())).isOk();

        ApiResponse logged = tenants.api().admin(Admin.REQUESTS_GET_ALL, Map.of(
                "ClientIds", List.of(integration.client().id().toString()), "Limitation", Map.of("Count", 10)));
        assertThat(logged).isOk();
        assertThat(logged.json().path("Requests")).isEmpty();
    }

    @Test
    void theDemoStaffTokenWorksAfterAReset() {
        assertThat(reset(tenants.api())).isOk();

        assertThat(staffThreads(DemoData.LONDON_STAFF_TOKEN)).isOk();
    }

    @Test
    void anOpenStaffEventStreamEndsAtAReset() {
        assertThat(reset(tenants.api())).isOk();
        try (EventStreamReader stream = EventStreamReader.open(app.port(), DemoData.LONDON_STAFF_TOKEN)) {
            assertThat(stream.status()).isEqualTo(200);

            assertThat(reset(tenants.api())).isOk();

            assertThat(stream.endsWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    /** On a fresh server without demo data the demo token is unknown, and remembered as unknown: the reset forgets that. */
    @Test
    void aDemoTokenRefusedBeforeTheResetWorksRightAfterIt() {
        try (App fresh = TestServers.startWithResetAllowed(engine)) {
            ApiClient api = new ApiClient(fresh.port());
            assertThat(api.post(Connector.MESSAGE_THREADS_GET_ALL, example())).isUnauthorized();

            assertThat(reset(api)).isOk();

            assertThat(api.post(Connector.MESSAGE_THREADS_GET_ALL, example())).isOk();
        }
    }

    /** A stalled receiver holds a delivery of the old data: the reset neither waits for it nor keeps its batch. */
    @Test
    void aResetWhileAWebhookDeliveryHangsAnswersAndLeavesNoBatch() {
        try (WebhookReceiver stalled = WebhookReceiver.start()) {
            stalled.answerAlways(Answer.hang(Duration.ofSeconds(30), 200));
            Integration integration = tenants.integration(tenants.clientWithWebhook(stalled.url("/hook")),
                    tenants.enterprise());
            tenants.addMessages(integration, tenants.addThread(integration).path("Id").asText(), "Hello");
            stalled.awaitRequests(1, Duration.ofSeconds(10));

            assertThat(reset(tenants.api())).isOk();

            assertThat(threads(example())).isOk();
            ApiResponse batches = tenants.api().admin(Admin.WEBHOOKS_GET_ALL,
                    Map.of("Statuses", List.of("Pending", "Delivered", "Dead")));
            assertThat(batches).isOk();
            assertThat(batches.json().path("Batches")).isEmpty();
        }
    }

    /** The embedded database is a laptop's or a CI run's; PostgreSQL holds real hotels' data until the operator says otherwise. */
    @Test
    void byDefaultAResetIsAllowedOnH2AndRefusedOnPostgreSql() {
        try (App unset = TestServers.start(engine, TestConfig.UNLIMITED)) {
            ApiResponse response = reset(new ApiClient(unset.port()));

            assertThat(response).hasStatus(engine == Engine.H2 ? 200 : 403);
        }
    }

    @Test
    void theSharedTestServerRefusesAResetWith403AndKeepsItsData() {
        Tenants shared = new Tenants(TestServers.running(engine));
        Integration integration = shared.singleEnterpriseIntegration();

        ApiResponse response = reset(shared.api());

        assertThat(response).isError(403).hasMessageContaining("CONCIERGE_ALLOW_RESET");
        assertThat(shared.api().post(Connector.MESSAGE_THREADS_ADD,
                integration.body("OriginalSender", "Guest", "Subject", "Question"))).isOk();
    }

    private static ApiResponse reset(ApiClient api) {
        return api.admin(Admin.RESET, Map.of());
    }

    private ApiResponse threads(Map<String, Object> body) {
        return tenants.api().post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }

    private ApiResponse staffThreads(String staffToken) {
        return tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 1)));
    }

    private List<String> listed(String path, String array, String field) {
        ApiResponse response = tenants.api().admin(path, Map.of("Limitation", Map.of("Count", 100)));
        assertThat(response).isOk();
        List<String> ids = new ArrayList<>();
        response.json().path(array).forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    /** The README's first example: the documented getAll request with the public demo tokens. */
    private static Map<String, Object> example() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ClientToken", DemoData.CLIENT_TOKEN);
        body.put("AccessToken", DemoData.ACCESS_TOKEN);
        body.put("Client", "Sample Client 1.0.0");
        body.put("EnterpriseIds", List.of(DemoData.LONDON.toString(), DemoData.WASHINGTON.toString()));
        body.put("CreatedUtc", Map.of("StartUtc", "2022-03-03T00:00:00Z", "EndUtc", "2022-03-14T00:00:00Z"));
        body.put("Limitation", Map.of("Cursor", DemoData.EXAMPLE_CURSOR_THREAD.toString(), "Count", 10));
        return body;
    }
}
