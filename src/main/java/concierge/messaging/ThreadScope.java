package concierge.messaging;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which threads a reader may see: those of one client in some enterprises (the Connector API),
 * or every thread of some enterprises (hotel staff).
 */
public record ThreadScope(Optional<UUID> clientId, List<UUID> enterpriseIds) {

    public ThreadScope {
        if (enterpriseIds.isEmpty()) {
            throw new IllegalArgumentException("a scope reaches at least one enterprise");
        }
        enterpriseIds = List.copyOf(enterpriseIds);
    }

    public static ThreadScope ofClient(UUID clientId, List<UUID> enterpriseIds) {
        return new ThreadScope(Optional.of(clientId), enterpriseIds);
    }

    public static ThreadScope ofEnterprises(List<UUID> enterpriseIds) {
        return new ThreadScope(Optional.empty(), enterpriseIds);
    }
}
