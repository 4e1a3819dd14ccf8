package concierge.messaging;

import concierge.errors.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The enterprises a request reads: all its token reaches, or the EnterpriseIds asked for among those. */
final class EnterpriseScope {

    private EnterpriseScope() {
    }

    /** {@code token} names the credential in the error, say "AccessToken". */
    static List<UUID> narrow(List<UUID> reachable, Optional<List<UUID>> requested, String token) {
        if (requested.isEmpty()) {
            return reachable;
        }
        List<UUID> ids = requested.get();
        for (int i = 0; i < ids.size(); i++) {
            if (!reachable.contains(ids.get(i))) {
                throw InvalidRequestException.field("EnterpriseIds[" + i + "]",
                        "the enterprise " + ids.get(i) + " is not in the scope of the " + token + ".");
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
