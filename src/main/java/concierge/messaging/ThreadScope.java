package concierge.messaging;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import java.util.List;
import java.util.Optional;

/**
 * Which threads a reader may see: those of one client in some enterprises (the Connector API),
 * or every thread of some enterprises (hotel staff).
 */
public record ThreadScope(Optional<ClientId> clientId, List<EnterpriseId> enterpriseIds) {

    public ThreadScope {
        if (enterpriseIds.isEmpty()) {
            throw new IllegalArgumentException("a scope reaches at least one enterprise");
        }
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    public static ThreadScope ofClient(ClientId clientId, List<EnterpriseId> enterpriseIds) {
        return new ThreadScope(Optional.of(clientId), enterpriseIds);
    }

    public static ThreadScope ofEnterprises(List<EnterpriseId> enterpriseIds) {
        return new ThreadScope(Optional.empty(), enterpriseIds);
    }
}
