package concierge.admin;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import java.util.List;

/** The first enterprise becomes the default one (where a portfolio token's new threads go). */
public record NewIntegration(ClientId clientId, List<EnterpriseId> enterpriseIds) {
}
