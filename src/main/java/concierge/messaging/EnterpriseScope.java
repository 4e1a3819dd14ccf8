package concierge.messaging;

import concierge.auth.ConnectorCaller;
import concierge.errors.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The enterprises a Connector request reads: all the token reaches, or the EnterpriseIds asked for. */
final class EnterpriseScope {

    private EnterpriseScope() {
    }

    static List<UUID> narrow(ConnectorCaller caller, Optional<List<UUID>> requested) {
        if (requested.isEmpty()) {
            return caller.enterpriseIds();
        }
        List<UUID> ids = requested.get();
        for (int i = 0; i < ids.size(); i++) {
            if (!caller.reaches(ids.get(i))) {
                throw InvalidRequestException.field("EnterpriseIds[" + i + "]",
                        "the enterprise " + ids.get(i) + " is not in the scope of the AccessToken.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
