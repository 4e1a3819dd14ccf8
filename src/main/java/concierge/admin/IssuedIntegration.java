package concierge.admin;

import java.util.List;
import java.util.UUID;

/** An integration as provisioned; a portfolio token when it reaches more than one enterprise. */
public record IssuedIntegration(UUID id, UUID clientId, List<UUID> enterpriseIds, String accessToken) {

    public IssuedIntegration {
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    public boolean isPortfolio() {
        return enterpriseIds.size() > 1;
    }
}
