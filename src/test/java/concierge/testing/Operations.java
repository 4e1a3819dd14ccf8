package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Every operation the server has, and how to call it: its path, how it authenticates, a valid example
 * body and what its 200 answer holds. The tests that cover each operation (http/EveryOperationTest, the
 * fuzz, rate-limit and isolation tests) iterate over {@link #ALL}; EveryOperationTest fails, naming it,
 * when the server has an operation this list lacks, or the reverse. A new operation is one entry here.
 */
public final class Operations {

    private Operations() {
    }

    /** How a request proves who sends it. */
    public enum Auth {
        /** ClientToken and AccessToken in the body (Connector API). */
        CONNECTOR,
        /** A staff token as bearer (staff API). */
        STAFF,
        /** The admin token as bearer (admin API). */
        ADMIN
    }

    /** A 200 body's shape: these top-level properties, and this array (or none) whose items carry these properties. */
    public record Shape(List<String> topLevel, String array, List<String> itemFields) {

        static Shape of(String array, List<String> itemFields) {
            return new Shape(List.of(), array, itemFields);
        }

        static Shape page(String array, List<String> itemFields) {
            return new Shape(List.of("Cursor"), array, itemFields);
        }

        static Shape fields(String... topLevel) {
            return new Shape(List.of(topLevel), null, List.of());
        }
    }

    /**
     * One operation. {@code example} gives the fields of a valid request about {@code world}'s data,
     * without the credentials, which {@link #body} and {@link #send} add as {@link #auth} requires.
     */
    public record Operation(String path, Auth auth, Function<World, Map<String, Object>> example, Shape answer) {

        /** Whether the operation reads or writes one tenant's threads and messages: the Connector and staff APIs. */
        public boolean touchesTenantData() {
            return auth != Auth.ADMIN;
        }

        /** The example request of {@code world}, with {@code caller}'s credentials where they go in the body. */
        public Map<String, Object> body(World world, World caller) {
            Map<String, Object> body = auth == Auth.CONNECTOR ? caller.integration().body() : new LinkedHashMap<>();
            body.putAll(example.apply(world));
            return body;
        }

        /** The headers that authenticate {@code caller}: a bearer, or none where the credentials are in the body. */
        public String[] headers(World caller) {
            return switch (auth) {
                case CONNECTOR -> new String[0];
                case STAFF -> new String[] {"Authorization", "Bearer " + caller.staffToken()};
                case ADMIN -> new String[] {"Authorization", "Bearer " + TestServers.ADMIN_TOKEN};
            };
        }

        /** The example request of {@code world}, sent as {@code world}. */
        public ApiResponse call(ApiClient api, World world) {
            return send(api, world, body(world, world));
        }

        /** POSTs {@code body} (a String as is) with {@code caller}'s bearer, if this operation takes one. */
        public ApiResponse send(ApiClient api, World caller, Object body) {
            return api.post(path, body, headers(caller));
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private static final List<String> THREAD = List.of("Id", "OriginalSender", "Subject", "CreatedUtc", "UpdatedUtc", "IsResolved");
    private static final List<String> STAFF_THREAD = List.of("Id", "ClientId", "Subject", "IsResolved", "LastMessageUtc");
    private static final List<String> MESSAGE = List.of("Id", "MessageThreadId", "Text", "Sender", "CreatedUtc");
    private static final List<String> ADDED_MESSAGE = List.of("Identifier", "Message");

    /** In the order the server registers them (App.operationPaths()). */
    public static final List<Operation> ALL = List.of(
            new Operation(Connector.MESSAGE_THREADS_GET_ALL, Auth.CONNECTOR, world -> fields(
                    "EnterpriseIds", List.of(world.enterpriseId().toString()),
                    "MessageThreadIds", world.threadIds(),
                    "CreatedUtc", world.recent(), "UpdatedUtc", world.recent(),
                    "Limitation", Map.of("Count", 10, "Cursor", world.newerThreadId())),
                    Shape.page("MessageThreads", THREAD)),
            new Operation(Connector.MESSAGE_THREADS_ADD, Auth.CONNECTOR, world -> fields(
                    "EnterpriseId", world.otherEnterpriseId().toString(), "OriginalSender", "Guest", "Subject", "Question"),
                    Shape.of("MessageThreads", THREAD)),
            new Operation(Connector.MESSAGES_GET_ALL, Auth.CONNECTOR, world -> fields(
                    "EnterpriseIds", List.of(world.enterpriseId().toString()),
                    "MessageThreadIds", List.of(world.threadId()), "CreatedUtc", world.recent(),
                    "Limitation", Map.of("Count", 10, "Cursor", world.newerMessageId())),
                    Shape.page("Messages", MESSAGE)),
            new Operation(Connector.MESSAGES_ADD, Auth.CONNECTOR, world -> fields(
                    "Messages", List.of(Map.of("MessageThreadId", world.threadId(), "Text", "Example", "Identifier", "x-1"))),
                    Shape.of("Messages", ADDED_MESSAGE)),

            new Operation(Staff.MESSAGE_THREADS_GET_ALL, Auth.STAFF, world -> fields(
                    "MessageThreadIds", world.threadIds(), "CreatedUtc", world.recent(), "UpdatedUtc", world.recent(),
                    // CreatedUtc: the thread is older than the Cursor's by creation always; by activity only when
                    // its messages came within the same second as the newer thread (UpdatedUtc has whole seconds).
                    "IsResolved", false, "Search", "question", "Order", "CreatedUtc",
                    "Limitation", Map.of("Count", 10, "Cursor", world.newerThreadId())),
                    Shape.page("MessageThreads", STAFF_THREAD)),
            new Operation(Staff.MESSAGE_THREADS_RESOLVE, Auth.STAFF, world -> fields(
                    "MessageThreadIds", List.of(world.threadId()), "IsResolved", true),
                    Shape.of("MessageThreads", STAFF_THREAD)),
            new Operation(Staff.MESSAGES_GET_ALL, Auth.STAFF, world -> fields(
                    "MessageThreadIds", List.of(world.threadId()), "CreatedUtc", world.recent(),
                    "Limitation", Map.of("Count", 10, "Cursor", world.newerMessageId())),
                    Shape.page("Messages", MESSAGE)),
            new Operation(Staff.MESSAGES_ADD, Auth.STAFF, world -> fields(
                    "Messages", List.of(Map.of("MessageThreadId", world.threadId(), "Text", "Example", "Identifier", "x-1"))),
                    Shape.of("Messages", ADDED_MESSAGE)),

            new Operation(Admin.ENTERPRISES_ADD, Auth.ADMIN, world -> fields(
                    "Enterprises", List.of(Map.of("Name", "Example Hotel"))),
                    Shape.of("Enterprises", List.of("Id", "Name"))),
            new Operation(Admin.ENTERPRISES_GET_ALL, Auth.ADMIN, world -> fields(
                    "EnterpriseIds", List.of(world.enterpriseId().toString(), world.otherEnterpriseId().toString()),
                    "Limitation", Map.of("Count", 10)),
                    Shape.page("Enterprises", List.of("Id", "Name", "CreatedUtc"))),
            new Operation(Admin.CLIENTS_ADD, Auth.ADMIN, world -> fields(
                    "Clients", List.of(Map.of("Name", "Example App", "WebhookUrl", "http://127.0.0.1:9/hook"))),
                    Shape.of("Clients", List.of("Id", "Name", "ClientToken", "WebhookUrl"))),
            new Operation(Admin.CLIENTS_GET_ALL, Auth.ADMIN, world -> fields(
                    "ClientIds", List.of(world.integration().client().id().toString()),
                    "Limitation", Map.of("Count", 10)),
                    Shape.page("Clients", List.of("Id", "Name", "WebhookUrl", "CreatedUtc"))),
            new Operation(Admin.CLIENTS_UPDATE, Auth.ADMIN, world -> fields(
                    "ClientId", world.webhookClientId(),
                    "WebhookUrl", Map.of("Value", "http://127.0.0.1:9/hook")),
                    Shape.of("Clients", List.of("Id", "Name", "WebhookUrl", "CreatedUtc"))),
            new Operation(Admin.INTEGRATIONS_ADD, Auth.ADMIN, world -> fields(
                    "Integrations", List.of(Map.of("ClientId", world.integration().client().id().toString(),
                            "EnterpriseIds", List.of(world.enterpriseId().toString(), world.otherEnterpriseId().toString())))),
                    Shape.of("Integrations", List.of("Id", "ClientId", "EnterpriseIds", "AccessToken", "IsPortfolio"))),
            new Operation(Admin.INTEGRATIONS_GET_ALL, Auth.ADMIN, world -> fields(
                    "ClientIds", List.of(world.integration().client().id().toString()),
                    "EnterpriseIds", List.of(world.enterpriseId().toString()), "IsEnabled", true,
                    "Limitation", Map.of("Count", 10)),
                    Shape.page("Integrations", List.of("Id", "ClientId", "EnterpriseIds", "IsPortfolio", "IsEnabled"))),
            new Operation(Admin.INTEGRATIONS_DISABLE, Auth.ADMIN, world -> fields(
                    "IntegrationIds", List.of(world.spareIntegrationId().toString())),
                    Shape.fields()),
            new Operation(Admin.INTEGRATIONS_ENABLE, Auth.ADMIN, world -> fields(
                    "IntegrationIds", List.of(world.spareIntegrationId().toString())),
                    Shape.fields()),
            new Operation(Admin.STAFF_TOKENS_ADD, Auth.ADMIN, world -> fields(
                    "EnterpriseId", world.otherEnterpriseId().toString()),
                    Shape.fields("StaffToken")),
            new Operation(Admin.STAFF_TOKENS_GET_ALL, Auth.ADMIN, world -> fields(
                    "EnterpriseId", world.otherEnterpriseId().toString()),
                    Shape.of("StaffTokens", List.of("Id", "EnterpriseId"))),
            new Operation(Admin.STAFF_TOKENS_DISABLE, Auth.ADMIN, world -> fields(
                    "StaffTokenIds", List.of(world.spareStaffTokenId())),
                    Shape.fields()),
            new Operation(Admin.WEBHOOKS_GET_ALL, Auth.ADMIN, world -> fields(
                    "Status", "Dead", "ClientIds", List.of(world.integration().client().id().toString()),
                    "Limitation", Map.of("Count", 10)),
                    Shape.page("Batches", List.of("Id", "Status", "MessageIds"))),
            new Operation(Admin.WEBHOOKS_GET_ATTEMPTS, Auth.ADMIN, world -> fields(
                    "BatchId", world.webhookBatchId()),
                    Shape.fields("BatchId", "Payload", "Attempts")),
            new Operation(Admin.WEBHOOKS_REPLAY, Auth.ADMIN, world -> fields(
                    "BatchIds", List.of(UUID.randomUUID().toString())),
                    Shape.fields("EventCount")),
            new Operation(Admin.WEBHOOKS_SEND_TEST, Auth.ADMIN, world -> fields(
                    "ClientId", world.webhookClientId(), "MessageId", world.webhookMessageId()),
                    Shape.fields("EventCount")),
            new Operation(Admin.RESET, Auth.ADMIN, world -> fields(),
                    Shape.fields()),
            new Operation(Admin.REQUESTS_GET_ALL, Auth.ADMIN, world -> fields(
                    "ClientIds", List.of(world.integration().client().id().toString()),
                    "Operations", List.of("messageThreads/add"), "StatusClasses", List.of("2xx"),
                    "CreatedUtc", world.recent(), "Limitation", Map.of("Count", 10)),
                    Shape.page("Requests", List.of("RequestId", "CreatedUtc", "Operation", "Status", "RequestBody"))));

    public static Operation at(String path) {
        return ALL.stream().filter(operation -> operation.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation at " + path + " in Operations.ALL"));
    }

    /** The operations that authenticate so. */
    public static List<Operation> authenticatedBy(Auth auth) {
        return ALL.stream().filter(operation -> operation.auth() == auth).toList();
    }

    /** The operations that read or write one tenant's threads and messages. */
    public static List<Operation> touchingTenantData() {
        return ALL.stream().filter(Operation::touchesTenantData).toList();
    }

    /** A webhook URL where nothing listens (the discard port): its deliveries fail at once and are retried. */
    private static final String UNREACHABLE_HOOK = "http://127.0.0.1:9/hook";

    /**
     * What the examples are about: one client's portfolio integration over two enterprises; in the
     * first, two threads and two messages in the older thread (a listing from the newer one, as its
     * cursor, has the older one); a staff token of the first; an integration and a staff token to
     * spare for the disable operations, so that calling them never locks the caller out; and a client
     * of its own with a WebhookUrl where nothing listens, with one message and the webhook batch of it.
     */
    public record World(Integration integration, String staffToken, String threadId, String newerThreadId,
                        String messageId, String newerMessageId, UUID spareIntegrationId, String spareStaffTokenId,
                        Instant createdAt, String webhookClientId, String webhookMessageId, String webhookBatchId) {

        /** Provisions a world through the admin and Connector APIs. */
        public static World provision(Tenants tenants) {
            UUID hotel = tenants.enterprise();
            UUID otherHotel = tenants.enterprise();
            Integration integration = tenants.integration(tenants.client(), hotel, otherHotel);
            String threadId = tenants.addThread(integration).path("Id").asText();
            String newerThreadId = tenants.addThread(integration).path("Id").asText();
            List<String> messageIds = tenants.addMessages(integration, threadId, "Hello", "Hello again").stream()
                    .map(message -> message.path("Id").asText()).toList();
            ApiResponse spareStaff = tenants.api().admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", otherHotel.toString()));
            assertThat(spareStaff).isOk();
            Integration hooked = tenants.integration(tenants.clientWithWebhook(UNREACHABLE_HOOK), hotel);
            String hookedMessageId = tenants.addMessages(hooked, tenants.addThread(hooked).path("Id").asText(), "Hook")
                    .getFirst().path("Id").asText();
            return new World(integration, tenants.staffToken(hotel), threadId, newerThreadId,
                    messageIds.get(0), messageIds.get(1), tenants.integration(integration.client(), otherHotel).id(),
                    spareStaff.json().path("Id").asText(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    hooked.client().id().toString(), hookedMessageId, firstBatch(tenants, hooked.client()));
        }

        /** The client's first webhook batch, once the dispatcher has formed it (at once, normally). */
        private static String firstBatch(Tenants tenants, Tenants.Client client) {
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                ApiResponse batches = tenants.api().admin(Admin.WEBHOOKS_GET_ALL, Map.of(
                        "ClientIds", List.of(client.id().toString()), "Statuses", List.of("Pending", "Delivered", "Dead")));
                assertThat(batches).isOk();
                if (!batches.json().path("Batches").isEmpty()) {
                    return batches.json().path("Batches").get(0).path("Id").asText();
                }
                assertThat(System.nanoTime()).as("a webhook batch for client " + client.id() + " within 30 s")
                        .isLessThan(giveUpAt);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** A world of Ids that exist nowhere: what an answer about nobody's data looks like. */
        public static World unknown() {
            Tenants.Client nobody = new Tenants.Client(UUID.randomUUID(), "unknown-" + UUID.randomUUID(), "Nobody");
            Integration integration = new Integration(UUID.randomUUID(), nobody, "unknown-" + UUID.randomUUID(),
                    List.of(UUID.randomUUID(), UUID.randomUUID()));
            return new World(integration, "unknown-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID(), UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }

        /** This world's enterprises and tokens with {@code other}'s threads and messages. */
        public World withThreadsAndMessagesOf(World other) {
            return new World(integration, staffToken, other.threadId, other.newerThreadId, other.messageId,
                    other.newerMessageId, spareIntegrationId, spareStaffTokenId, createdAt, webhookClientId,
                    webhookMessageId, webhookBatchId);
        }

        /** The Ids of this world's data, in a fixed order: enterprises, threads, messages. */
        public List<String> dataIds() {
            return List.of(enterpriseId().toString(), otherEnterpriseId().toString(), threadId, newerThreadId,
                    messageId, newerMessageId);
        }

        /** The same data seen through tokens of their own: another AccessToken of the client, another staff token. */
        public World withFreshTokens(Tenants tenants) {
            return new World(tenants.integration(integration.client(), integration.enterpriseIds().toArray(UUID[]::new)),
                    tenants.staffToken(enterpriseId()), threadId, newerThreadId, messageId, newerMessageId,
                    spareIntegrationId, spareStaffTokenId, createdAt, webhookClientId, webhookMessageId, webhookBatchId);
        }

        public List<String> threadIds() {
            return List.of(threadId, newerThreadId);
        }

        public UUID enterpriseId() {
            return integration.enterpriseIds().get(0);
        }

        public UUID otherEnterpriseId() {
            return integration.enterpriseIds().get(1);
        }

        /** A CreatedUtc or UpdatedUtc filter around the time the world was made. */
        public Map<String, Object> recent() {
            return Map.of("StartUtc", createdAt.minus(Duration.ofHours(1)).toString(),
                    "EndUtc", createdAt.plus(Duration.ofHours(1)).toString());
        }
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
