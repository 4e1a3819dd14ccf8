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

    void addStaffToken(String tokenHash, UUID enterpriseId);

    Set<UUID> existingEnterprises(Collection<UUID> ids);

    Set<UUID> existingClients(Collection<UUID> ids);

    Set<UUID> existingIntegrations(Collection<UUID> ids);

    void disableIntegrations(Collection<UUID> ids);

    record StoredClient(UUID id, String name, String clientTokenHash, java.util.Optional<String> webhookUrl) {
    }

    record StoredIntegration(UUID id, UUID clientId, String accessTokenHash, List<UUID> enterpriseIds) {
    }
}
