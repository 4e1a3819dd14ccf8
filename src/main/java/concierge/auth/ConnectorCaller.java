package concierge.auth;

import java.util.List;
import java.util.UUID;

/**
 * Who is calling the Connector API: a client application through one integration, whose access
 * token reaches {@code enterpriseIds} (one enterprise, or several for a portfolio token).
 */
public record ConnectorCaller(UUID clientId, UUID integrationId, List<UUID> enterpriseIds, UUID defaultEnterpriseId) {

    public ConnectorCaller {
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    public boolean reaches(UUID enterpriseId) {
        return enterpriseIds.contains(enterpriseId);
    }
}
