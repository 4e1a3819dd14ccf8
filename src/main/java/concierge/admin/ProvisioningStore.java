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

    record StoredClient(ClientId id, String name, String clientTokenHash, Optional<String> webhookUrl) {
    }

    record StaffTokenSummary(UUID id, EnterpriseId enterpriseId, Instant createdUtc, boolean isEnabled) {
    }

    record StoredIntegration(IntegrationId id, ClientId clientId, String accessTokenHash,
                             List<EnterpriseId> enterpriseIds) {
    }
}
