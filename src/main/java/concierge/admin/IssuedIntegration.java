package concierge.admin;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.util.List;

/** An integration as provisioned; a portfolio token when it reaches more than one enterprise. */
public record IssuedIntegration(IntegrationId id, ClientId clientId, List<EnterpriseId> enterpriseIds,
                                String accessToken) {

    public IssuedIntegration {
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    public boolean isPortfolio() {
        return enterpriseIds.size() > 1;
    }
}
