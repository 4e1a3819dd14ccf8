package concierge.admin;

import concierge.auth.Tokens;
import concierge.errors.InvalidRequestException;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import concierge.messaging.Limitation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The admin's operations: enterprises, client applications, integrations and staff access. */
public final class Provisioning {

    private final ProvisioningStore store;
    private final Runnable credentialsChanged;

    /**
     * {@code credentialsChanged} runs after every change of which tokens work: one that refuses
     * tokens which worked before, and one that issues tokens (which may have been asked for, and
     * remembered as unknown, before they existed).
     */
    public Provisioning(ProvisioningStore store, Runnable credentialsChanged) {
        this.store = store;
        this.credentialsChanged = credentialsChanged;
    }

    public List<Enterprise> addEnterprises(List<String> names) {
        List<Enterprise> enterprises = names.stream()
                .map(name -> new Enterprise(new EnterpriseId(UUID.randomUUID()), name)).toList();
        store.addEnterprises(enterprises);
        return enterprises;
    }

    public List<IssuedClient> addClients(List<NewClient> clients) {
        List<IssuedClient> issued = new ArrayList<>();
        List<ProvisioningStore.StoredClient> stored = new ArrayList<>();
        for (NewClient client : clients) {
            ClientId id = new ClientId(UUID.randomUUID());
            String token = Tokens.issue(id);
            issued.add(new IssuedClient(id, client.name(), token, client.webhookUrl()));
            stored.add(new ProvisioningStore.StoredClient(id, client.name(), Tokens.hash(token), client.webhookUrl()));
        }
        store.addClients(stored);
        return issued;
    }

    public List<IssuedIntegration> addIntegrations(List<NewIntegration> integrations) {
        Set<ClientId> clients = store.existingClients(integrations.stream().map(NewIntegration::clientId).toList());
        Set<EnterpriseId> enterprises = store.existingEnterprises(
                integrations.stream().flatMap(integration -> integration.enterpriseIds().stream()).toList());
        List<IssuedIntegration> issued = new ArrayList<>();
        List<ProvisioningStore.StoredIntegration> stored = new ArrayList<>();
        for (int i = 0; i < integrations.size(); i++) {
            NewIntegration integration = integrations.get(i);
            if (!clients.contains(integration.clientId())) {
                throw InvalidRequestException.field("Integrations[" + i + "].ClientId", "no client has this Id.");
            }
            List<EnterpriseId> scope = List.copyOf(new LinkedHashSet<>(integration.enterpriseIds()));
            for (int e = 0; e < scope.size(); e++) {
                if (!enterprises.contains(scope.get(e))) {
                    throw InvalidRequestException.field("Integrations[" + i + "].EnterpriseIds[" + e + "]",
                            "no enterprise has this Id.");
                }
            }
            IntegrationId id = new IntegrationId(UUID.randomUUID());
            String token = Tokens.issue(id);
            issued.add(new IssuedIntegration(id, integration.clientId(), scope, token));
            stored.add(new ProvisioningStore.StoredIntegration(id, integration.clientId(), Tokens.hash(token), scope));
        }
        store.addIntegrations(stored);
        credentialsChanged.run();
        return issued;
    }

    /** Disabled integrations' access tokens are refused from then on. */
    public void disableIntegrations(List<IntegrationId> integrationIds) {
        Set<IntegrationId> existing = store.existingIntegrations(integrationIds);
        for (int i = 0; i < integrationIds.size(); i++) {
            if (!existing.contains(integrationIds.get(i))) {
                throw InvalidRequestException.field("IntegrationIds[" + i + "]", "no integration has this Id.");
            }
        }
        try {
            store.disableIntegrations(integrationIds);
        } finally {
            // Even when the call fails after the update committed, no remembered token may outlive it.
            credentialsChanged.run();
        }
    }

    /** Disabled integrations' access tokens work again from then on; enabling one twice is no error. */
    public void enableIntegrations(List<IntegrationId> integrationIds) {
        Set<IntegrationId> existing = store.existingIntegrations(integrationIds);
        for (int i = 0; i < integrationIds.size(); i++) {
            if (!existing.contains(integrationIds.get(i))) {
                throw InvalidRequestException.field("IntegrationIds[" + i + "]", "no integration has this Id.");
            }
        }
        try {
            store.enableIntegrations(integrationIds);
        } finally {
            // A token remembered as refused must work from the next request.
            credentialsChanged.run();
        }
    }

    public List<ProvisioningStore.EnterpriseSummary> enterprises(Optional<List<EnterpriseId>> ids,
                                                                 Limitation limitation) {
        limitation.check();
        return store.enterprises(ids, limitation.cursor(), limitation.count()).orElseThrow(Limitation::invalidCursor);
    }

    public List<ProvisioningStore.ClientSummary> clients(Optional<List<ClientId>> ids, Limitation limitation) {
        limitation.check();
        return store.clients(ids, limitation.cursor(), limitation.count()).orElseThrow(Limitation::invalidCursor);
    }

    public List<ProvisioningStore.IntegrationSummary> integrations(ProvisioningStore.IntegrationFilter filter,
                                                                   Limitation limitation) {
        limitation.check();
        return store.integrations(filter, limitation.cursor(), limitation.count())
                .orElseThrow(Limitation::invalidCursor);
    }

    /**
     * Sets ({@code webhookUrl} present) or removes the client's WebhookUrl. Events already in the
     * outbox go to the URL their next attempt finds (docs/webhooks.md).
     */
    public ProvisioningStore.ClientSummary updateWebhookUrl(ClientId clientId, Optional<String> webhookUrl) {
        if (!store.setWebhookUrl(clientId, webhookUrl)) {
            throw InvalidRequestException.field("ClientId", "no client has this Id.");
        }
        return store.clients(Optional.of(List.of(clientId)), Optional.empty(), 1).orElseThrow().getFirst();
    }

    public IssuedStaffToken addStaffToken(EnterpriseId enterpriseId) {
        requireEnterprise(enterpriseId);
        UUID id = UUID.randomUUID();
        String token = Tokens.randomSecret();
        store.addStaffToken(id, Tokens.hash(token), enterpriseId);
        credentialsChanged.run();
        return new IssuedStaffToken(id, enterpriseId, token);
    }

    /** The enterprise's staff tokens (never the tokens themselves), newest first, at most {@code max}. */
    public List<ProvisioningStore.StaffTokenSummary> staffTokens(EnterpriseId enterpriseId, int max) {
        requireEnterprise(enterpriseId);
        return store.staffTokens(enterpriseId, max);
    }

    /** Disabled staff tokens are refused from then on; disabling one twice is no error. */
    public void disableStaffTokens(List<UUID> staffTokenIds) {
        Set<UUID> existing = store.existingStaffTokens(staffTokenIds);
        for (int i = 0; i < staffTokenIds.size(); i++) {
            if (!existing.contains(staffTokenIds.get(i))) {
                throw InvalidRequestException.field("StaffTokenIds[" + i + "]", "no staff token has this Id.");
            }
        }
        try {
            store.disableStaffTokens(staffTokenIds);
        } finally {
            // As for integrations: no remembered token may outlive the update.
            credentialsChanged.run();
        }
    }

    private void requireEnterprise(EnterpriseId enterpriseId) {
        if (store.existingEnterprises(List.of(enterpriseId)).isEmpty()) {
            throw InvalidRequestException.field("EnterpriseId", "no enterprise has this Id.");
        }
    }
}
