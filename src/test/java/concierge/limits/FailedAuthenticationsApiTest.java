package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnH2;
import concierge.testing.RawHttp;
import concierge.testing.Tenants;
import concierge.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 10 §8: guessing tokens is throttled per client address. After 10 failed authentications
 * (admin, staff or Connector 401s) within 60 s, the address gets 429 with Retry-After until the
 * window ends, before any token is checked; other addresses are served as usual. One server with
 * the default limits; each test calls from a loopback address of its own (127.0.1.n), so the tests
 * do not share counts. The throttle touches no database, so one engine is enough.
 */
class FailedAuthenticationsApiTest extends OnH2 {

    private static final int DEFAULT_LIMIT = 10;
    private static final int DEFAULT_WINDOW_SECONDS = 60;
    private static final String ONE_ENTERPRISE = ApiClient.toJson(
            Map.of("Enterprises", List.of(Map.of("Name", "Hotel"))));
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    static App app;

    @BeforeParameterizedClassInvocation
    static void startServerWithTheDefaultLimits(Engine engine) {
        app = TestServers.start(engine, Map.of());
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    private static InetAddress anAddressOfItsOwn() throws IOException {
        return InetAddress.getByName("127.0.1." + NEXT_ADDRESS.getAndIncrement());
    }

    private static RawHttp.Response admin(InetAddress from, String token) throws IOException {
        return RawHttp.post(from, app.port(), Admin.ENTERPRISES_ADD, ONE_ENTERPRISE, "Authorization", "Bearer " + token);
    }

    private static RawHttp.Response staff(InetAddress from, String token) throws IOException {
        return RawHttp.post(from, app.port(), Staff.MESSAGE_THREADS_GET_ALL, "{\"Limitation\":{\"Count\":10}}", "Authorization", "Bearer " + token);
    }

    private static RawHttp.Response connector(InetAddress from, Tenants.Integration integration, String accessToken)
            throws IOException {
        Map<String, Object> body = integration.body("MessageThreadIds", List.of(UUID.randomUUID().toString()),
                "Limitation", Map.of("Count", 10));
        body.put("AccessToken", accessToken);
        return RawHttp.post(from, app.port(), Connector.MESSAGE_THREADS_GET_ALL, ApiClient.toJson(body));
    }

    private static void failAdminAuthentication(InetAddress from, int times) throws IOException {
        for (int i = 1; i <= times; i++) {
            RawHttp.Response response = admin(from, "guess-" + i);
            assertThat(response).as("guess %d", i).hasStatus(401);
        }
    }

    @Test
    void afterTenFailuresTheAddressIsAnswered429WithRetryAfterAndTheErrorBody() throws IOException {
        InetAddress attacker = anAddressOfItsOwn();
        failAdminAuthentication(attacker, DEFAULT_LIMIT);

        RawHttp.Response eleventh = admin(attacker, "guess-11");

        assertThat(eleventh).isError(429).hasMessageContaining("failed to authenticate 10 times");
        assertThat(Integer.parseInt(eleventh.headers().get("retry-after"))).isBetween(1, DEFAULT_WINDOW_SECONDS);
    }

    @Test
    void aBlockedAddressIsRefusedEvenWithTheRightToken() throws IOException {
        InetAddress attacker = anAddressOfItsOwn();
        failAdminAuthentication(attacker, DEFAULT_LIMIT);

        RawHttp.Response rightGuess = admin(attacker, TestServers.ADMIN_TOKEN);

        assertThat(rightGuess).as("a right guess must not be told apart").hasStatus(429);
    }

    @Test
    void nineFailuresAreNotYetThrottled() throws IOException {
        InetAddress caller = anAddressOfItsOwn();
        failAdminAuthentication(caller, DEFAULT_LIMIT - 1);

        RawHttp.Response tenth = admin(caller, TestServers.ADMIN_TOKEN);

        assertThat(tenth).isOk();
    }

    @Test
    void failuresOfTheAdminStaffAndConnectorApisCountTogether() throws IOException {
        InetAddress attacker = anAddressOfItsOwn();
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        failAdminAuthentication(attacker, 4);
        for (int i = 1; i <= 3; i++) {
            assertThat(staff(attacker, "staff-guess-" + i)).hasStatus(401);
            assertThat(connector(attacker, integration, "access-guess-" + i)).hasStatus(401);
        }

        assertThat(admin(attacker, TestServers.ADMIN_TOKEN)).hasStatus(429);
        assertThat(staff(attacker, tenants.staffToken(integration.enterpriseId()))).hasStatus(429);
        assertThat(connector(attacker, integration, integration.accessToken())).hasStatus(429);
    }

    @Test
    void anotherAddressIsServedWhileOneIsBlocked() throws IOException {
        InetAddress attacker = anAddressOfItsOwn();
        InetAddress neighbour = anAddressOfItsOwn();
        Tenants.Integration integration = tenants.singleEnterpriseIntegration();
        failAdminAuthentication(attacker, DEFAULT_LIMIT);
        assertThat(admin(attacker, TestServers.ADMIN_TOKEN)).hasStatus(429);

        assertThat(admin(neighbour, TestServers.ADMIN_TOKEN)).isOk();
        assertThat(staff(neighbour, tenants.staffToken(integration.enterpriseId()))).isOk();
        assertThat(connector(neighbour, integration, integration.accessToken())).isOk();
        assertThat(admin(neighbour, "a wrong token")).as("its own failures still count from zero").hasStatus(401);
    }

    @Test
    void successesNeitherCountNorWipeOutFailures() throws IOException {
        InetAddress caller = anAddressOfItsOwn();
        for (int i = 0; i < 3 * DEFAULT_LIMIT; i++) {
            assertThat(admin(caller, TestServers.ADMIN_TOKEN)).isOk();
        }
        failAdminAuthentication(caller, DEFAULT_LIMIT - 1);
        assertThat(admin(caller, TestServers.ADMIN_TOKEN)).isOk();
        failAdminAuthentication(caller, 1);

        assertThat(admin(caller, TestServers.ADMIN_TOKEN)).hasStatus(429);
    }
}
