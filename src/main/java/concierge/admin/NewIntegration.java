package concierge.admin;

import java.util.List;
import java.util.UUID;

/** The first enterprise becomes the default one (where a portfolio token's new threads go). */
public record NewIntegration(UUID clientId, List<UUID> enterpriseIds) {
}
