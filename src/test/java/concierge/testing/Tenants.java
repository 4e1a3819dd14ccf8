package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.App;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import concierge.messaging.JdbiMessageRepository;
import concierge.messaging.JdbiMessageThreadRepository;
import concierge.messaging.Message;
import concierge.messaging.MessageThread;
import concierge.messaging.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Provisions fresh enterprises, clients and integrations through the admin API, so every test
 * works in its own tenants on the shared server; and seeds threads with chosen timestamps directly.
 */
public final class Tenants {

    private final App app;
    private final ApiClient api;
    /** The same listener as {@link #api} unless the admin API has one of its own (CONCIERGE_ADMIN_PORT). */
    private final ApiClient adminApi;

    public Tenants(App app) {
        this.app = app;
        this.api = new ApiClient(app.port());
        this.adminApi = new ApiClient(app.adminPort());
    }

    public ApiClient api() {
        return api;
    }

    public record Client(UUID id, String clientToken, String name) {
    }

    /** What a Connector request authenticates with. */
    public record Integration(UUID id, Client client, String accessToken, List<UUID> enterpriseIds) {

        public UUID enterpriseId() {
            return enterpriseIds.getFirst();
        }

        /** A request body with this integration's credentials, then the given name/value pairs. */
        public Map<String, Object> body(Object... namesAndValues) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ClientToken", client.clientToken());
            body.put("AccessToken", accessToken);
            body.put("Client", "Concierge Tests 1.0");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return body;
        }
    }

    public UUID enterprise() {
        ApiClient.ApiResponse response = adminApi.admin(ApiPaths.Admin.ENTERPRISES_ADD,
                Map.of("Enterprises", List.of(Map.of("Name", "Hotel " + UUID.randomUUID()))));
        assertThat(response).isOk();
        return UUID.fromString(response.json().path("Enterprises").get(0).path("Id").asText());
    }

    public Client client() {
        ApiClient.ApiResponse response = adminApi.admin(ApiPaths.Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", "App " + UUID.randomUUID()))));
        assertThat(response).isOk();
        JsonNode client = response.json().path("Clients").get(0);
        return new Client(UUID.fromString(client.path("Id").asText()), client.path("ClientToken").asText(),
                client.path("Name").asText());
    }

    public Integration integration(Client client, UUID... enterpriseIds) {
        ApiClient.ApiResponse response = adminApi.admin(ApiPaths.Admin.INTEGRATIONS_ADD, Map.of("Integrations",
                List.of(Map.of("ClientId", client.id().toString(), "EnterpriseIds",
                        List.of(enterpriseIds).stream().map(UUID::toString).toList()))));
        assertThat(response).isOk();
        JsonNode integration = response.json().path("Integrations").get(0);
        return new Integration(UUID.fromString(integration.path("Id").asText()), client,
                integration.path("AccessToken").asText(), List.of(enterpriseIds));
    }

    /** A new client with a single-enterprise token for a new enterprise. */
    public Integration singleEnterpriseIntegration() {
        return integration(client(), enterprise());
    }

    /** Adds a thread through the API, as an integration would. */
    public JsonNode addThread(Integration integration, Object... extraNamesAndValues) {
        Object[] namesAndValues = new Object[extraNamesAndValues.length + 4];
        namesAndValues[0] = "OriginalSender";
        namesAndValues[1] = "Guest " + UUID.randomUUID();
        namesAndValues[2] = "Subject";
        namesAndValues[3] = "Question";
        System.arraycopy(extraNamesAndValues, 0, namesAndValues, 4, extraNamesAndValues.length);
        ApiClient.ApiResponse response = api.post(ApiPaths.Connector.MESSAGE_THREADS_ADD,
                integration.body(namesAndValues));
        assertThat(response).isOk();
        return response.json().path("MessageThreads").get(0);
    }

    /** Stores a thread with chosen timestamps straight into the database (insertion order = call order). */
    public MessageThread seedThread(Integration integration, UUID enterpriseId, Instant created, Instant updated) {
        return seedThread(integration, enterpriseId, created, updated, "Seeded subject");
    }

    /** {@link #seedThread(Integration, UUID, Instant, Instant)} with this Subject. */
    public MessageThread seedThread(Integration integration, UUID enterpriseId, Instant created, Instant updated,
                                    String subject) {
        MessageThread thread = new MessageThread(new MessageThreadId(UUID.randomUUID()), new ClientId(integration.client().id()),
                new EnterpriseId(enterpriseId), new IntegrationId(integration.id()), "Seeded Guest", subject,
                created, updated, false);
        new JdbiMessageThreadRepository(app.database().jdbi()).add(thread);
        return thread;
    }

    /** Seeds {@code count} threads, the i-th created at {@code first + i * step seconds} (step may be 0). */
    public List<MessageThread> seedThreads(Integration integration, int count, Instant first, long stepSeconds) {
        List<MessageThread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant created = first.plusSeconds(i * stepSeconds);
            threads.add(seedThread(integration, integration.enterpriseId(), created, created));
        }
        return threads;
    }

    /** A staff token for the enterprise, issued by the admin API ({@code staffTokens/add}). */
    public String staffToken(UUID enterpriseId) {
        ApiClient.ApiResponse response = adminApi.admin(ApiPaths.Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", enterpriseId.toString()));
        assertThat(response).isOk();
        return response.json().path("StaffToken").asText();
    }

    /** POSTs to a staff operation ({@link ApiPaths.Staff}) with the staff token as bearer. */
    public ApiClient.ApiResponse staff(String staffToken, String path, Object body) {
        return api.post(path, body, "Authorization", "Bearer " + staffToken);
    }

    /** Adds one message per text to the thread through messages/add; returns the added Message objects. */
    public List<JsonNode> addMessages(Integration integration, String threadId, String... texts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String text : texts) {
            items.add(Map.of("MessageThreadId", threadId, "Text", text));
        }
        ApiClient.ApiResponse response = api.post(ApiPaths.Connector.MESSAGES_ADD,
                integration.body("Messages", items));
        assertThat(response).isOk();
        List<JsonNode> added = new ArrayList<>();
        response.json().path("Messages").forEach(item -> added.add(item.path("Message")));
        return added;
    }

    /** Stores an application message with a chosen CreatedUtc straight into the database (moves UpdatedUtc too). */
    public Message seedMessage(Integration integration, UUID enterpriseId, UUID threadId, Instant created) {
        Message message = seeded(integration, enterpriseId, threadId, created);
        new JdbiMessageRepository(app.database().jdbi(), app.database().engine()).add(List.of(message), false, created);
        return message;
    }

    /** A message to seed: its thread and its CreatedUtc. */
    public record Seed(UUID threadId, Instant created) {
    }

    /**
     * Stores application messages with chosen CreatedUtc values straight into the database, in one
     * transaction and in list order (so a later one counts as inserted later); returns them in that order.
     */
    public List<Message> seedMessages(Integration integration, UUID enterpriseId, List<Seed> seeds) {
        List<Message> messages = seeds.stream()
                .map(seed -> seeded(integration, enterpriseId, seed.threadId(), seed.created()))
                .toList();
        Instant newest = seeds.stream().map(Seed::created).max(Instant::compareTo).orElseThrow();
        new JdbiMessageRepository(app.database().jdbi(), app.database().engine()).add(messages, false, newest);
        return messages;
    }

    private static Message seeded(Integration integration, UUID enterpriseId, UUID threadId, Instant created) {
        return new Message(new MessageId(UUID.randomUUID()), new MessageThreadId(threadId), new ClientId(integration.client().id()),
                new EnterpriseId(enterpriseId), Sender.APPLICATION, "Seeded message", Optional.empty(), created);
    }

    /** A new client whose MessageAdded webhooks go to {@code webhookUrl} (admin {@code clients/add}). */
    public Client clientWithWebhook(String webhookUrl) {
        ApiClient.ApiResponse response = adminApi.admin(ApiPaths.Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", "App " + UUID.randomUUID(), "WebhookUrl", webhookUrl))));
        assertThat(response).isOk();
        JsonNode client = response.json().path("Clients").get(0);
        return new Client(UUID.fromString(client.path("Id").asText()), client.path("ClientToken").asText(),
                client.path("Name").asText());
    }
}
