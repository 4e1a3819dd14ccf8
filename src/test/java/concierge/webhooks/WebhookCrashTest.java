package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.PrivatePostgres;
import concierge.testing.ServerProcess;
import concierge.testing.TestDatabases;
import concierge.testing.TestServers;
import concierge.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 5 §2: the outbox is written with the message, so a SIGKILL of the server loses no pending
 * event; delivery resumes when the server is started again.
 */
@Isolated("kills a server process; its receiver port is only reserved, and any other test's socket could take it")
class WebhookCrashTest extends OnBothEngines {

    private static final int MESSAGES = 12;

    @TempDir
    Path directory;

    @Test
    void pendingEventsSurviveSigkillAndAreDeliveredAfterRestart() {
        Map<String, String> environment = environment();
        int receiverPort = PrivatePostgres.freePort(); // nothing listens there until the receiver starts
        String webhookUrl = "http://127.0.0.1:" + receiverPort + "/hook?secret=crash";
        Path log = directory.resolve("server.log");

        List<String> messageIds = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(environment, log)) {
            ApiClient api = new ApiClient(server.port());
            Map<String, Object> credentials = provision(api, webhookUrl);
            String threadId = addThread(api, credentials);
            messageIds.addAll(addMessages(api, credentials, threadId, MESSAGES));
            // The batch has been tried and has failed (connection refused); its next try is about a
            // second away, so normally no delivery is under way when the process dies.
            awaitFailedAttempts(api, messageIds, server);

            server.kill();
        }

        try (WebhookReceiver receiver = WebhookReceiver.startOn(receiverPort);
             ServerProcess restarted = ServerProcess.start(environment, log)) {
            // 60 s: should the kill have landed inside a delivery, that lease must run out first.
            receiver.awaitUntil(requests -> receiver.eventIdCounts().keySet().containsAll(messageIds),
                    Duration.ofSeconds(60), "all " + messageIds.size() + " events after the restart");
            assertThat(receiver.requests()).extracting(WebhookReceiver.Received::pathAndQuery)
                    .containsOnly("/hook?secret=crash");
            assertThat(receiver.eventIdCounts().keySet()).containsExactlyInAnyOrderElementsOf(messageIds);
            assertThat(restarted.process().isAlive()).isTrue();
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        switch (engine) {
            case H2 -> environment.put("CONCIERGE_DB_URL", "jdbc:h2:file:" + directory.resolve("concierge").toAbsolutePath());
            case POSTGRESQL -> {
                TestDatabases.Location database = TestDatabases.fresh(Engine.POSTGRESQL);
                environment.put("CONCIERGE_DB_URL", database.url());
                environment.put("CONCIERGE_DB_USER", database.user());
                environment.put("CONCIERGE_DB_PASSWORD", database.password());
            }
        }
        environment.put("CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN);
        environment.put("CONCIERGE_DEMO", "false");
        environment.put("CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "1");
        environment.put("CONCIERGE_WEBHOOK_MAX_RETRY_SECONDS", "1");
        environment.put("CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "600");
        environment.put("CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", "1");
        environment.put("CONCIERGE_WEBHOOK_POLL_MILLIS", "100");
        return environment;
    }

    /** An enterprise, a client with the webhook URL and an integration; returns the Connector credentials. */
    private static Map<String, Object> provision(ApiClient api, String webhookUrl) {
        ApiResponse enterprise = ok(api.admin(Admin.ENTERPRISES_ADD, Map.of("Enterprises", List.of(Map.of("Name", "Crash Hotel")))));
        String enterpriseId = enterprise.json().path("Enterprises").get(0).path("Id").asText();
        ApiResponse client = ok(api.admin(Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", "Crash App", "WebhookUrl", webhookUrl)))));
        JsonNode issued = client.json().path("Clients").get(0);
        ApiResponse integration = ok(api.admin(Admin.INTEGRATIONS_ADD, Map.of("Integrations",
                List.of(Map.of("ClientId", issued.path("Id").asText(), "EnterpriseIds", List.of(enterpriseId))))));
        return Map.of("ClientToken", issued.path("ClientToken").asText(),
                "AccessToken", integration.json().path("Integrations").get(0).path("AccessToken").asText(),
                "Client", "Concierge Tests 1.0");
    }

    private static String addThread(ApiClient api, Map<String, Object> credentials) {
        Map<String, Object> body = new HashMap<>(credentials);
        body.put("OriginalSender", "Guest " + UUID.randomUUID());
        body.put("Subject", "Crash");
        return ok(api.post(Connector.MESSAGE_THREADS_ADD, body))
                .json().path("MessageThreads").get(0).path("Id").asText();
    }

    private static List<String> addMessages(ApiClient api, Map<String, Object> credentials, String threadId, int count) {
        Map<String, Object> body = new HashMap<>(credentials);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Map.of("MessageThreadId", threadId, "Text", "Before the crash " + i));
        }
        body.put("Messages", messages);
        List<String> ids = new ArrayList<>();
        ok(api.post(Connector.MESSAGES_ADD, body)).json().path("Messages")
                .forEach(item -> ids.add(item.path("Message").path("Id").asText()));
        return ids;
    }

    /** Waits until the admin API lists every event as pending after a failed attempt. */
    private static void awaitFailedAttempts(ApiClient api, List<String> messageIds, ServerProcess server) {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            JsonNode batches = ok(api.admin(Admin.WEBHOOKS_GET_ALL, Map.of("Status", "Pending", "Limitation", Map.of("Count", 100))))
                    .json().path("Batches");
            Set<String> failed = new HashSet<>();
            batches.forEach(batch -> {
                if (!batch.path("LastError").isNull() && !batch.path("LastError").asText().isEmpty()) {
                    batch.path("MessageIds").forEach(id -> failed.add(id.asText()));
                }
            });
            if (failed.containsAll(messageIds)) {
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("the events were not all tried and failed: " + batches + "\n" + server.log());
            }
            WebhookDeliveryTest.sleep(Duration.ofMillis(50));
        }
    }

    private static ApiResponse ok(ApiResponse response) {
        assertThat(response).isOk();
        return response;
    }
}
