package concierge.http.admin;

import concierge.admin.IssuedClient;
import concierge.admin.IssuedIntegration;
import concierge.admin.IssuedStaffToken;
import concierge.admin.NewClient;
import concierge.admin.NewIntegration;
import concierge.admin.Provisioning;
import concierge.admin.ProvisioningStore;
import concierge.auth.Tokens;
import concierge.demo.DemoReset;
import concierge.errors.InvalidRequestException;
import concierge.errors.UnauthorizedException;
import concierge.http.BearerToken;
import concierge.http.JsonFields;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.RequestFields;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.limits.FailedAuthentications;
import concierge.messaging.Limitation;
import concierge.requestlog.GetAllRequests;
import concierge.requestlog.LoggedRequest;
import concierge.requestlog.RequestLogWriter;
import concierge.requestlog.RequestLogFilter;
import concierge.webhooks.DeliveryStatus;
import concierge.webhooks.WebhookAdministration;
import concierge.webhooks.WebhookOutbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Provisioning over HTTP, for the operator: {@code Authorization: Bearer <admin token>}. */
public final class AdminApi {

    public static final String PREFIX = "/api/admin/v1/";
    /** Enterprises, clients or integrations added by one request. */
    static final int MAX_ADDED_PER_REQUEST = 1000;
    /** Staff tokens one staffTokens/getAll lists. */
    static final int MAX_STAFF_TOKENS_LISTED = 1000;
    /** Characters in a client's WebhookUrl; the column is VARCHAR(2048). */
    static final int MAX_WEBHOOK_URL = 2048;
    /** Characters in a Status filter, as in the outbox's VARCHAR(16) column. */
    static final int MAX_STATUS = 16;
    static final int DEFAULT_WEBHOOK_COUNT = 100;
    /** Statuses one webhooks/getAll names: each of the three at most once. */
    static final int MAX_STATUSES = DeliveryStatus.values().length;
    /** Names in a requests/getAll Operations filter. */
    static final int MAX_OPERATIONS = 100;
    /** Values in a StatusClasses filter: 1xx to 5xx. */
    static final int MAX_STATUS_CLASSES = 5;

    private final Provisioning provisioning;
    private final WebhookAdministration webhooks;
    private final DemoReset reset;
    private final GetAllRequests requests;
    private final String adminToken;
    private final FailedAuthentications failedAuthentications;

    public AdminApi(Provisioning provisioning, WebhookAdministration webhooks, DemoReset reset, GetAllRequests requests,
                    String adminToken, FailedAuthentications failedAuthentications) {
        this.provisioning = provisioning;
        this.webhooks = webhooks;
        this.reset = reset;
        this.requests = requests;
        this.adminToken = adminToken;
        this.failedAuthentications = failedAuthentications;
    }

    public void register(Router router) {
        router.post(PREFIX + "enterprises/add", authorized(this::addEnterprises));
        router.post(PREFIX + "enterprises/getAll", authorized(this::getAllEnterprises));
        router.post(PREFIX + "clients/add", authorized(this::addClients));
        router.post(PREFIX + "clients/getAll", authorized(this::getAllClients));
        router.post(PREFIX + "clients/update", authorized(this::updateClient));
        router.post(PREFIX + "integrations/add", authorized(this::addIntegrations));
        router.post(PREFIX + "integrations/getAll", authorized(this::getAllIntegrations));
        router.post(PREFIX + "integrations/disable", authorized(this::disableIntegrations));
        router.post(PREFIX + "integrations/enable", authorized(this::enableIntegrations));
        router.post(PREFIX + "staffTokens/add", authorized(this::addStaffToken));
        router.post(PREFIX + "staffTokens/getAll", authorized(this::getAllStaffTokens));
        router.post(PREFIX + "staffTokens/disable", authorized(this::disableStaffTokens));
        router.post(PREFIX + "webhooks/getAll", authorized(this::getAllWebhooks));
        router.post(PREFIX + "webhooks/getAttempts", authorized(this::getWebhookAttempts));
        router.post(PREFIX + "webhooks/replay", authorized(this::replayWebhooks));
        router.post(PREFIX + "webhooks/sendTest", authorized(this::sendTestWebhook));
        router.post(PREFIX + "reset", authorized(this::reset));
        router.post(PREFIX + "requests/getAll", authorized(this::getAllRequests));
    }

    private Reply addEnterprises(JsonFields body) {
        AddEnterprisesRequest request = AddEnterprisesRequest.from(body);
        return Reply.ok(Map.of("Enterprises", provisioning.addEnterprises(request.names())));
    }

    private Reply addClients(JsonFields body) {
        AddClientsRequest request = AddClientsRequest.from(body);
        return Reply.ok(Map.of("Clients",
                provisioning.addClients(request.clients()).stream().map(ClientView::of).toList()));
    }

    private Reply getAllEnterprises(JsonFields body) {
        GetAllEnterprisesRequest request = GetAllEnterprisesRequest.from(body);
        List<EnterpriseView> enterprises = provisioning.enterprises(request.enterpriseIds(), request.limitation())
                .stream().map(EnterpriseView::of).toList();
        return Reply.ok(new EnterprisesPage(enterprises, cursor(enterprises, EnterpriseView::id)));
    }

    private Reply getAllClients(JsonFields body) {
        GetAllClientsRequest request = GetAllClientsRequest.from(body);
        List<ClientSummaryView> clients = provisioning.clients(request.clientIds(), request.limitation())
                .stream().map(ClientSummaryView::of).toList();
        return Reply.ok(new ClientsPage(clients, cursor(clients, ClientSummaryView::id)));
    }

    private Reply updateClient(JsonFields body) {
        UpdateClientRequest request = UpdateClientRequest.from(body);
        return Reply.ok(Map.of("Clients",
                List.of(ClientSummaryView.of(provisioning.updateWebhookUrl(request.clientId(), request.webhookUrl())))));
    }

    private Reply getAllIntegrations(JsonFields body) {
        GetAllIntegrationsRequest request = GetAllIntegrationsRequest.from(body);
        List<IntegrationSummaryView> integrations = provisioning.integrations(request.filter(), request.limitation())
                .stream().map(IntegrationSummaryView::of).toList();
        return Reply.ok(new IntegrationsPage(integrations, cursor(integrations, IntegrationSummaryView::id)));
    }

    private Reply enableIntegrations(JsonFields body) {
        EnableIntegrationsRequest request = EnableIntegrationsRequest.from(body);
        provisioning.enableIntegrations(request.integrationIds());
        return Reply.ok(Map.of());
    }

    private Reply addIntegrations(JsonFields body) {
        AddIntegrationsRequest request = AddIntegrationsRequest.from(body);
        return Reply.ok(Map.of("Integrations",
                provisioning.addIntegrations(request.integrations()).stream().map(IntegrationView::of).toList()));
    }

    private Reply disableIntegrations(JsonFields body) {
        DisableIntegrationsRequest request = DisableIntegrationsRequest.from(body);
        provisioning.disableIntegrations(request.integrationIds());
        return Reply.ok(Map.of());
    }

    private Reply addStaffToken(JsonFields body) {
        AddStaffTokenRequest request = AddStaffTokenRequest.from(body);
        return Reply.ok(IssuedStaffTokenView.of(provisioning.addStaffToken(request.enterpriseId())));
    }

    /** That enterprise's staff tokens (not the secrets), newest first. */
    private Reply getAllStaffTokens(JsonFields body) {
        GetAllStaffTokensRequest request = GetAllStaffTokensRequest.from(body);
        return Reply.ok(Map.of("StaffTokens", provisioning.staffTokens(request.enterpriseId(), MAX_STAFF_TOKENS_LISTED)
                .stream().map(StaffTokenView::of).toList()));
    }

    private Reply disableStaffTokens(JsonFields body) {
        DisableStaffTokensRequest request = DisableStaffTokensRequest.from(body);
        provisioning.disableStaffTokens(request.staffTokenIds());
        return Reply.ok(Map.of());
    }

    private Reply getAllWebhooks(JsonFields body) {
        GetAllWebhooksRequest request = GetAllWebhooksRequest.from(body);
        List<WebhookBatchView> batches = webhooks.list(request.statuses(), request.clientIds(), request.limitation())
                .stream().map(WebhookBatchView::of).toList();
        return Reply.ok(new BatchesPage(batches, cursor(batches, WebhookBatchView::id)));
    }

    private Reply getWebhookAttempts(JsonFields body) {
        GetWebhookAttemptsRequest request = GetWebhookAttemptsRequest.from(body);
        return Reply.ok(WebhookAttemptsView.of(webhooks.history(request.batchId())));
    }

    private Reply replayWebhooks(JsonFields body) {
        ReplayWebhooksRequest request = ReplayWebhooksRequest.from(body);
        return Reply.ok(Map.of("EventCount", webhooks.replay(request.batchIds())));
    }

    private Reply sendTestWebhook(JsonFields body) {
        SendTestWebhookRequest request = SendTestWebhookRequest.from(body);
        return Reply.ok(Map.of("EventCount", webhooks.sendTest(request.clientId(), request.messageId())));
    }

    /** The body is not read: there is nothing to choose. */
    private Reply reset(JsonFields body) {
        reset.reset();
        return Reply.ok(Map.of());
    }

    /** A page's {@code Cursor}: its last item's Id, or null for an empty page. */
    private static <T, I> I cursor(List<T> page, Function<T, I> id) {
        return page.isEmpty() ? null : id.apply(page.getLast());
    }

    /** The request log, newest first; what this instance could not log is counted in NotLogged. */
    private Reply getAllRequests(JsonFields body) {
        GetAllRequestsRequest request = GetAllRequestsRequest.from(body);
        GetAllRequests.Result result = requests.execute(request.filter(), request.limitation().count(),
                request.limitation().cursor());
        List<LoggedRequest> page = result.requests();
        return Reply.page(new RequestLogResult(page.stream().map(LoggedRequestView::of).toList(),
                result.cursor().orElse(null), NotLoggedView.of(result.counts())),
                page.isEmpty() && result.cursor().isEmpty());
    }

    private Operation authorized(Function<JsonFields, Reply> operation) {
        return request -> {
            failedAuthentications.guard(request.clientAddress(), () -> {
                if (!Tokens.same(BearerToken.of(request), adminToken)) {
                    throw new UnauthorizedException("Unauthorized: the admin token is not valid.");
                }
                return null;
            });
            request.identifiedAs("admin");
            return operation.apply(request.body());
        };
    }

    record AddEnterprisesRequest(List<String> names) {

        static AddEnterprisesRequest from(JsonFields body) {
            return new AddEnterprisesRequest(body.objects("Enterprises", MAX_ADDED_PER_REQUEST).stream()
                    .map(item -> item.string("Name", RequestFields.MAX_SHORT_TEXT)).toList());
        }
    }

    record AddClientsRequest(List<NewClient> clients) {

        static AddClientsRequest from(JsonFields body) {
            return new AddClientsRequest(body.objects("Clients", MAX_ADDED_PER_REQUEST).stream()
                    .map(item -> new NewClient(item.string("Name", RequestFields.MAX_SHORT_TEXT),
                            validWebhookUrl(item, "WebhookUrl")))
                    .toList());
        }
    }

    /** Any absolute http or https URL, loopback included (self-hosted receivers, D19). */
    private static Optional<String> validWebhookUrl(JsonFields object, String name) {
        return object.optionalString(name, MAX_WEBHOOK_URL).map(url -> {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // answered below
            }
            throw InvalidRequestException.field(object.path(name), "must be an absolute http or https URL.");
        });
    }

    /** Newest first; {@code EnterpriseIds} narrows the list. */
    record GetAllEnterprisesRequest(Optional<List<EnterpriseId>> enterpriseIds, Limitation limitation) {

        static GetAllEnterprisesRequest from(JsonFields body) {
            return new GetAllEnterprisesRequest(RequestFields.enterpriseIds(body), RequestFields.limitation(body));
        }
    }

    record GetAllClientsRequest(Optional<List<ClientId>> clientIds, Limitation limitation) {

        static GetAllClientsRequest from(JsonFields body) {
            return new GetAllClientsRequest(RequestFields.optionalIds(body, "ClientIds", ClientId::new),
                    RequestFields.limitation(body));
        }
    }

    /**
     * {@code WebhookUrl} is an update value as in the Connector API's update operations:
     * {@code {"Value": "https://…"}} sets it, {@code {"Value": null}} (or {@code {}}) removes it; it is
     * required, as it is the one thing to update.
     */
    record UpdateClientRequest(ClientId clientId, Optional<String> webhookUrl) {

        static UpdateClientRequest from(JsonFields body) {
            ClientId clientId = new ClientId(body.uuid("ClientId"));
            return new UpdateClientRequest(clientId, validWebhookUrl(body.object("WebhookUrl"), "Value"));
        }
    }

    record GetAllIntegrationsRequest(ProvisioningStore.IntegrationFilter filter, Limitation limitation) {

        static GetAllIntegrationsRequest from(JsonFields body) {
            return new GetAllIntegrationsRequest(new ProvisioningStore.IntegrationFilter(
                    RequestFields.optionalIds(body, "IntegrationIds", IntegrationId::new),
                    RequestFields.optionalIds(body, "ClientIds", ClientId::new),
                    RequestFields.enterpriseIds(body),
                    body.optionalBoolean("IsEnabled")),
                    RequestFields.limitation(body));
        }
    }

    record EnableIntegrationsRequest(List<IntegrationId> integrationIds) {

        static EnableIntegrationsRequest from(JsonFields body) {
            return new EnableIntegrationsRequest(RequestFields.ids(body, "IntegrationIds", IntegrationId::new));
        }
    }

    record AddIntegrationsRequest(List<NewIntegration> integrations) {

        static AddIntegrationsRequest from(JsonFields body) {
            return new AddIntegrationsRequest(body.objects("Integrations", MAX_ADDED_PER_REQUEST).stream()
                    .map(item -> new NewIntegration(new ClientId(item.uuid("ClientId")),
                            RequestFields.ids(item, "EnterpriseIds", EnterpriseId::new)))
                    .toList());
        }
    }

    record DisableIntegrationsRequest(List<IntegrationId> integrationIds) {

        static DisableIntegrationsRequest from(JsonFields body) {
            return new DisableIntegrationsRequest(RequestFields.ids(body, "IntegrationIds", IntegrationId::new));
        }
    }

    record AddStaffTokenRequest(EnterpriseId enterpriseId) {

        static AddStaffTokenRequest from(JsonFields body) {
            return new AddStaffTokenRequest(new EnterpriseId(body.uuid("EnterpriseId")));
        }
    }

    record GetAllStaffTokensRequest(EnterpriseId enterpriseId) {

        static GetAllStaffTokensRequest from(JsonFields body) {
            return new GetAllStaffTokensRequest(new EnterpriseId(body.uuid("EnterpriseId")));
        }
    }

    record DisableStaffTokensRequest(List<UUID> staffTokenIds) {

        static DisableStaffTokensRequest from(JsonFields body) {
            return new DisableStaffTokensRequest(RequestFields.ids(body, "StaffTokenIds"));
        }
    }

    /**
     * {@code Status} (Pending, Delivered or Dead) or {@code Statuses} (several of them), default Dead;
     * {@code ClientIds} narrows the list; {@code Limitation} is optional (Count default 100). The status
     * names are checked last, so that the fields' shapes are named first.
     */
    record GetAllWebhooksRequest(Set<DeliveryStatus> statuses, Optional<List<ClientId>> clientIds,
                                 Limitation limitation) {

        static GetAllWebhooksRequest from(JsonFields body) {
            Optional<String> status = body.optionalString("Status", MAX_STATUS);
            Optional<List<String>> statuses = body.optionalStrings("Statuses", MAX_STATUSES, MAX_STATUS);
            if (status.isPresent() && statuses.isPresent()) {
                throw InvalidRequestException.field("Statuses", "give either Status or Statuses, not both.");
            }
            Optional<List<ClientId>> clientIds = RequestFields.optionalIds(body, "ClientIds", ClientId::new);
            Limitation limitation = body.optionalObject("Limitation")
                    .map(fields -> new Limitation(fields.integer("Count"), fields.optionalUuid("Cursor")))
                    .orElse(new Limitation(DEFAULT_WEBHOOK_COUNT, Optional.empty()));
            Set<DeliveryStatus> named = EnumSet.noneOf(DeliveryStatus.class);
            if (statuses.isPresent()) {
                for (int i = 0; i < statuses.get().size(); i++) {
                    named.add(DeliveryStatus.named(statuses.get().get(i), "Statuses[" + i + "]"));
                }
            } else {
                named.add(DeliveryStatus.named(status.orElse(DeliveryStatus.DEAD.text()), "Status"));
            }
            return new GetAllWebhooksRequest(Set.copyOf(named), clientIds, limitation);
        }
    }

    record GetWebhookAttemptsRequest(UUID batchId) {

        static GetWebhookAttemptsRequest from(JsonFields body) {
            return new GetWebhookAttemptsRequest(body.uuid("BatchId"));
        }
    }

    record SendTestWebhookRequest(ClientId clientId, MessageId messageId) {

        static SendTestWebhookRequest from(JsonFields body) {
            return new SendTestWebhookRequest(new ClientId(body.uuid("ClientId")), new MessageId(body.uuid("MessageId")));
        }
    }

    record ReplayWebhooksRequest(List<UUID> batchIds) {

        static ReplayWebhooksRequest from(JsonFields body) {
            return new ReplayWebhooksRequest(RequestFields.ids(body, "BatchIds"));
        }
    }

    /** Decoded in this order: the first bad field is the one named. */
    record GetAllRequestsRequest(RequestLogFilter filter, Limitation limitation) {

        static GetAllRequestsRequest from(JsonFields body) {
            return new GetAllRequestsRequest(new RequestLogFilter(
                    RequestFields.optionalIds(body, "ClientIds", ClientId::new),
                    RequestFields.optionalIds(body, "IntegrationIds", IntegrationId::new),
                    body.optionalStrings("Operations", MAX_OPERATIONS, RequestFields.MAX_SHORT_TEXT),
                    statusClasses(body),
                    RequestFields.interval(body, "CreatedUtc")
                            .map(interval -> new RequestLogFilter.Interval(interval.startUtc(), interval.endUtc())),
                    RequestFields.optionalIds(body, "RequestIds")),
                    RequestFields.limitation(body));
        }

        /** "2xx" to "5xx" (and "1xx"), in any letter case, as the hundreds digit. */
        private static Optional<List<Integer>> statusClasses(JsonFields body) {
            return body.optionalStrings("StatusClasses", MAX_STATUS_CLASSES, RequestFields.MAX_SHORT_TEXT)
                    .map(classes -> {
                        for (int i = 0; i < classes.size(); i++) {
                            if (!classes.get(i).toLowerCase(Locale.ROOT).matches("[1-5]xx")) {
                                throw InvalidRequestException.field("StatusClasses[" + i + "]",
                                        "must be one of 1xx, 2xx, 3xx, 4xx, 5xx.");
                            }
                        }
                        return classes.stream().map(statusClass -> statusClass.charAt(0) - '0').toList();
                    });
        }
    }

    record LoggedRequestView(UUID requestId, String createdUtc, String operation, int status,
                             double durationMilliseconds, ClientId clientId, IntegrationId integrationId,
                             String message, String requestBody, String responseBody) {
        static LoggedRequestView of(LoggedRequest request) {
            return new LoggedRequestView(request.requestId(), WireFormats.utcMillis(request.createdUtc()),
                    request.operation(), request.status(), request.durationMicros() / 1000.0,
                    request.clientId().orElse(null), request.integrationId().orElse(null),
                    request.errorMessage().orElse(null), request.requestBody(), request.responseBody());
        }
    }

    /** Requests this instance answered but could not log since it started. */
    record NotLoggedView(long queueFull, long writeFailed) {
        static NotLoggedView of(RequestLogWriter.Counts counts) {
            return new NotLoggedView(counts.droppedQueueFull(), counts.droppedWriteFailed());
        }
    }

    record RequestLogResult(List<LoggedRequestView> requests, UUID cursor, NotLoggedView notLogged) {
    }

    record WebhookBatchView(UUID id, ClientId clientId, EnterpriseId enterpriseId, IntegrationId integrationId,
                            String status, int attempts, String nextAttemptUtc, String lastError,
                            List<MessageId> messageIds, String createdUtc) {
        static WebhookBatchView of(WebhookOutbox.BatchSummary batch) {
            return new WebhookBatchView(batch.id(), batch.clientId(), batch.enterpriseId(), batch.integrationId(),
                    batch.status().text(), batch.attempts(), WireFormats.utc(batch.nextAttemptUtc()),
                    batch.lastError().orElse(null), batch.messageIds(), WireFormats.utc(batch.createdUtc()));
        }
    }

    record BatchesPage(List<WebhookBatchView> batches, UUID cursor) {
    }

    /** {@code Payload} is the request body exactly as sent (null before the first attempt); attempts newest first. */
    record WebhookAttemptsView(UUID batchId, String payload, List<AttemptView> attempts) {
        static WebhookAttemptsView of(WebhookOutbox.BatchHistory history) {
            return new WebhookAttemptsView(history.batchId(), history.payload().orElse(null),
                    history.attempts().stream().map(AttemptView::of).toList());
        }
    }

    /** {@code StartedUtc} to the millisecond: attempts of one batch may be a second apart or less. */
    record AttemptView(String startedUtc, long durationMilliseconds, String url, Integer statusCode, String error) {
        static AttemptView of(WebhookOutbox.Attempt attempt) {
            return new AttemptView(attempt.startedUtc().truncatedTo(ChronoUnit.MILLIS).toString(),
                    attempt.durationMillis(), attempt.url(),
                    attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null,
                    attempt.error().orElse(null));
        }
    }

    record EnterpriseView(EnterpriseId id, String name, String createdUtc) {
        static EnterpriseView of(ProvisioningStore.EnterpriseSummary enterprise) {
            return new EnterpriseView(enterprise.id(), enterprise.name(), WireFormats.utc(enterprise.createdUtc()));
        }
    }

    record EnterprisesPage(List<EnterpriseView> enterprises, EnterpriseId cursor) {
    }

    /** A client as listed: never its token (only its hash is stored). */
    record ClientSummaryView(ClientId id, String name, String webhookUrl, String createdUtc) {
        static ClientSummaryView of(ProvisioningStore.ClientSummary client) {
            return new ClientSummaryView(client.id(), client.name(), client.webhookUrl().orElse(null),
                    WireFormats.utc(client.createdUtc()));
        }
    }

    record ClientsPage(List<ClientSummaryView> clients, ClientId cursor) {
    }

    /** An integration as listed: never its access token (only its hash is stored). */
    record IntegrationSummaryView(IntegrationId id, ClientId clientId, List<EnterpriseId> enterpriseIds,
                                  boolean isPortfolio, boolean isEnabled, String createdUtc) {
        static IntegrationSummaryView of(ProvisioningStore.IntegrationSummary integration) {
            return new IntegrationSummaryView(integration.id(), integration.clientId(), integration.enterpriseIds(),
                    integration.isPortfolio(), integration.isEnabled(), WireFormats.utc(integration.createdUtc()));
        }
    }

    record IntegrationsPage(List<IntegrationSummaryView> integrations, IntegrationId cursor) {
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
