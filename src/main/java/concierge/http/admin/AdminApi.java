package concierge.http.admin;

import concierge.admin.IssuedClient;
import concierge.admin.IssuedIntegration;
import concierge.admin.IssuedStaffToken;
import concierge.admin.NewClient;
import concierge.admin.NewIntegration;
import concierge.admin.Provisioning;
import concierge.admin.ProvisioningStore;
import concierge.auth.Tokens;
import concierge.errors.InvalidRequestException;
import concierge.errors.UnauthorizedException;
import concierge.http.BearerToken;
import concierge.http.JsonFields;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.Request;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.limits.FailedAuthentications;
import concierge.webhooks.DeliveryStatus;
import concierge.webhooks.WebhookAdministration;
import concierge.webhooks.WebhookOutbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Provisioning over HTTP, for the operator: {@code Authorization: Bearer <admin token>}. */
public final class AdminApi {

    public static final String PREFIX = "/api/admin/v1/";
    private static final int MAX_ITEMS = 1000;
    private static final int MAX_NAME = 255;
    private static final int MAX_URL = 2048;

    private final Provisioning provisioning;
    private final WebhookAdministration webhooks;
    private final String adminToken;
    private final FailedAuthentications failedAuthentications;

    public AdminApi(Provisioning provisioning, WebhookAdministration webhooks, String adminToken,
                    FailedAuthentications failedAuthentications) {
        this.provisioning = provisioning;
        this.webhooks = webhooks;
        this.adminToken = adminToken;
        this.failedAuthentications = failedAuthentications;
    }

    public void register(Router router) {
        router.post(PREFIX + "enterprises/add", authorized(this::addEnterprises));
        router.post(PREFIX + "clients/add", authorized(this::addClients));
        router.post(PREFIX + "integrations/add", authorized(this::addIntegrations));
        router.post(PREFIX + "integrations/disable", authorized(this::disableIntegrations));
        router.post(PREFIX + "staffTokens/add", authorized(this::addStaffToken));
        router.post(PREFIX + "staffTokens/getAll", authorized(this::getAllStaffTokens));
        router.post(PREFIX + "staffTokens/disable", authorized(this::disableStaffTokens));
        router.post(PREFIX + "webhooks/getAll", authorized(this::getAllWebhooks));
        router.post(PREFIX + "webhooks/replay", authorized(this::replayWebhooks));
    }

    private Reply addEnterprises(JsonFields body) {
        List<String> names = body.objects("Enterprises", MAX_ITEMS).stream()
                .map(item -> item.string("Name", MAX_NAME)).toList();
        return Reply.ok(Map.of("Enterprises", provisioning.addEnterprises(names)));
    }

    private Reply addClients(JsonFields body) {
        List<NewClient> clients = body.objects("Clients", MAX_ITEMS).stream()
                .map(item -> new NewClient(item.string("Name", MAX_NAME), webhookUrl(item))).toList();
        return Reply.ok(Map.of("Clients", provisioning.addClients(clients).stream().map(ClientView::of).toList()));
    }

    private Reply addIntegrations(JsonFields body) {
        List<NewIntegration> integrations = body.objects("Integrations", MAX_ITEMS).stream()
                .map(item -> new NewIntegration(new ClientId(item.uuid("ClientId")),
                        WireFormats.ids(item.uuids("EnterpriseIds", MAX_ITEMS), EnterpriseId::new)))
                .toList();
        return Reply.ok(Map.of("Integrations",
                provisioning.addIntegrations(integrations).stream().map(IntegrationView::of).toList()));
    }

    private Reply disableIntegrations(JsonFields body) {
        provisioning.disableIntegrations(
                WireFormats.ids(body.uuids("IntegrationIds", MAX_ITEMS), IntegrationId::new));
        return Reply.ok(Map.of());
    }

    private Reply addStaffToken(JsonFields body) {
        EnterpriseId enterpriseId = new EnterpriseId(body.uuid("EnterpriseId"));
        return Reply.ok(IssuedStaffTokenView.of(provisioning.addStaffToken(enterpriseId)));
    }

    /** {"EnterpriseId"}: that enterprise's staff tokens (not the secrets), newest first. */
    private Reply getAllStaffTokens(JsonFields body) {
        EnterpriseId enterpriseId = new EnterpriseId(body.uuid("EnterpriseId"));
        return Reply.ok(Map.of("StaffTokens", provisioning.staffTokens(enterpriseId, MAX_ITEMS).stream()
                .map(StaffTokenView::of).toList()));
    }

    private Reply disableStaffTokens(JsonFields body) {
        provisioning.disableStaffTokens(body.uuids("StaffTokenIds", MAX_ITEMS));
        return Reply.ok(Map.of());
    }

    /** {"Status": "Pending" | "Delivered" | "Dead" (default Dead), "Limitation": {"Count"} (default 100)}. */
    private Reply getAllWebhooks(JsonFields body) {
        String status = body.optionalString("Status", 16).orElse(DeliveryStatus.DEAD.text());
        int count = body.optionalObject("Limitation").map(limitation -> limitation.integer("Count")).orElse(100);
        return Reply.ok(Map.of("Batches", webhooks.list(status, count).stream().map(WebhookBatchView::of).toList()));
    }

    private Reply replayWebhooks(JsonFields body) {
        return Reply.ok(Map.of("EventCount", webhooks.replay(body.uuids("BatchIds", MAX_ITEMS))));
    }

    /** Any absolute http or https URL, loopback included (self-hosted receivers). */
    private static Optional<String> webhookUrl(JsonFields item) {
        return item.optionalString("WebhookUrl", MAX_URL).map(url -> {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // answered below
            }
            throw InvalidRequestException.field(item.path("WebhookUrl"), "must be an absolute http or https URL.");
        });
    }

    private Operation authorized(Function<JsonFields, Reply> operation) {
        return request -> {
            failedAuthentications.guard(request.clientAddress(), () -> {
                if (!Tokens.same(BearerToken.of(request), adminToken)) {
                    throw new UnauthorizedException("Unauthorized: the admin token is not valid.");
                }
                return null;
            });
            return operation.apply(request.body());
        };
    }

    record WebhookBatchView(UUID id, ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                            String status, int attempts, String nextAttemptUtc, String lastError,
                            List<MessageId> messageIds) {
        static WebhookBatchView of(WebhookOutbox.BatchSummary batch) {
            return new WebhookBatchView(batch.id(), batch.clientId(), batch.enterpriseId(), batch.integrationId(),
                    batch.status().text(), batch.attempts(), WireFormats.utc(batch.nextAttemptUtc()),
                    batch.lastError().orElse(null), batch.messageIds());
        }
    }

    /** The Id (to disable the token by) first; the token itself is shown only in this answer. */
    record IssuedStaffTokenView(UUID id, EnterpriseId enterpriseId, String staffToken) {
        static IssuedStaffTokenView of(IssuedStaffToken issued) {
            return new IssuedStaffTokenView(issued.id(), issued.enterpriseId(), issued.staffToken());
        }
    }

    record StaffTokenView(UUID id, EnterpriseId enterpriseId, String createdUtc, boolean isEnabled) {
        static StaffTokenView of(ProvisioningStore.StaffTokenSummary token) {
            return new StaffTokenView(token.id(), token.enterpriseId(), WireFormats.utc(token.createdUtc()),
                    token.isEnabled());
        }
    }

    record ClientView(ClientId id, String name, String clientToken, String webhookUrl) {
        static ClientView of(IssuedClient client) {
            return new ClientView(client.id(), client.name(), client.clientToken(), client.webhookUrl().orElse(null));
        }
    }

    record IntegrationView(IntegrationId id, ClientId clientId, List<EnterpriseId> enterpriseIds, String accessToken,
                           boolean isPortfolio) {
        static IntegrationView of(IssuedIntegration integration) {
            return new IntegrationView(integration.id(), integration.clientId(), integration.enterpriseIds(),
                    integration.accessToken(), integration.isPortfolio());
        }
    }
}
