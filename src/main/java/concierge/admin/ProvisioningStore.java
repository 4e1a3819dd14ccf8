package concierge.admin;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Provisioning records in storage. Each add writes all of its items or none. */
public interface ProvisioningStore {

    boolean isEmpty();

    void addEnterprises(List<Enterprise> enterprises);

    void addClients(List<StoredClient> clients);

    void addIntegrations(List<StoredIntegration> integrations);

    void addStaffToken(UUID id, String tokenHash, UUID enterpriseId);

    Set<UUID> existingEnterprises(Collection<UUID> ids);

    Set<UUID> existingClients(Collection<UUID> ids);

    Set<UUID> existingIntegrations(Collection<UUID> ids);

    void disableIntegrations(Collection<UUID> ids);

    Set<UUID> existingStaffTokens(Collection<UUID> ids);

    void disableStaffTokens(Collection<UUID> ids);

    /** The enterprise's staff tokens, newest first, at most {@code max}. */
    List<StaffTokenSummary> staffTokens(UUID enterpriseId, int max);

    record StoredClient(UUID id, String name, String clientTokenHash, java.util.Optional<String> webhookUrl) {
    }

    record StaffTokenSummary(UUID id, UUID enterpriseId, java.time.Instant createdUtc, boolean isEnabled) {
    }

    record StoredIntegration(UUID id, UUID clientId, String accessTokenHash, List<UUID> enterpriseIds) {
    }
}
