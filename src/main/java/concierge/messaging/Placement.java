package concierge.messaging;

import java.util.UUID;

/**
 * What never changes about a stored thread or message once written: where it stands in newest-first
 * order and whose it is. Being immutable, it can be remembered without ever going stale.
 */
public record Placement(UUID id, KeysetPosition position, UUID clientId, UUID enterpriseId) {

    /** Whether a reader with this scope may see the item (the same rule as the scope in SQL). */
    public boolean visibleIn(ThreadScope scope) {
        return scope.clientId().map(clientId::equals).orElse(true) && scope.enterpriseIds().contains(enterpriseId);
    }
}
