package concierge.admin;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Provisioning records in storage. Each add writes all of its items or none. */
public interface ProvisioningStore {

    boolean isEmpty();

    void addEnterprises(List<Enterprise> enterprises);

    void addClients(List<StoredClient> clients);

    void addIntegrations(List<StoredIntegration> integrations);

    /** A staff token's {@code id} names it only in the admin API (to list and disable it by). */
    void addStaffToken(UUID id, String tokenHash, EnterpriseId enterpriseId);

    Set<EnterpriseId> existingEnterprises(Collection<EnterpriseId> ids);

    Set<ClientId> existingClients(Collection<ClientId> ids);

    Set<IntegrationId> existingIntegrations(Collection<IntegrationId> ids);

    void disableIntegrations(Collection<IntegrationId> ids);

    Set<UUID> existingStaffTokens(Collection<UUID> ids);

    void disableStaffTokens(Collection<UUID> ids);

    /** The enterprise's staff tokens, newest first, at most {@code max}. */
    List<StaffTokenSummary> staffTokens(EnterpriseId enterpriseId, int max);

    /**
     * The listings below are pages newest first (then by Id), of at most {@code count} items after the
     * item named {@code cursor}, which need not match the filter; empty when no row of that kind has
     * the cursor's Id.
     */
    Optional<List<EnterpriseSummary>> enterprises(Optional<List<EnterpriseId>> ids, Optional<UUID> cursor, int count);

    Optional<List<ClientSummary>> clients(Optional<List<ClientId>> ids, Optional<UUID> cursor, int count);

    Optional<List<IntegrationSummary>> integrations(IntegrationFilter filter, Optional<UUID> cursor, int count);

    /** Sets or removes the client's webhook URL; false when no client has the Id. */
    boolean setWebhookUrl(ClientId id, Optional<String> webhookUrl);

    void enableIntegrations(Collection<IntegrationId> ids);

    /** Deletes every enterprise, client, integration and staff token (the demo reset; their data first). */
    void deleteAll();

    record StoredClient(ClientId id, String name, String clientTokenHash, Optional<String> webhookUrl) {
    }

    record StaffTokenSummary(UUID id, EnterpriseId enterpriseId, Instant createdUtc, boolean isEnabled) {
    }

    record EnterpriseSummary(EnterpriseId id, String name, Instant createdUtc) {
    }

    record ClientSummary(ClientId id, String name, Optional<String> webhookUrl, Instant createdUtc) {
    }

    /** @param enterpriseIds its scope in provisioning order: the first is its default enterprise */
    record IntegrationSummary(IntegrationId id, ClientId clientId, List<EnterpriseId> enterpriseIds, boolean isEnabled,
                              Instant createdUtc) {

        public IntegrationSummary {
            enterpriseIds = List.copyOf(enterpriseIds);
        }

        public boolean isPortfolio() {
            return enterpriseIds.size() > 1;
        }
    }

    /** Each given part narrows the list (all of them together); an integration matches EnterpriseIds when it reaches one of them. */
    record IntegrationFilter(Optional<List<IntegrationId>> integrationIds, Optional<List<ClientId>> clientIds,
                             Optional<List<EnterpriseId>> enterpriseIds, Optional<Boolean> isEnabled) {
    }

    record StoredIntegration(IntegrationId id, ClientId clientId, String accessTokenHash,
                             List<EnterpriseId> enterpriseIds) {
    }
}
