package concierge.messaging;

import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.Identifier;

/**
 * What never changes about a stored thread or message once written: where it stands in newest-first
 * order and whose it is. Being immutable, it can be remembered without ever going stale.
 *
 * @param <I> the kind of item: MessageThreadId or MessageId
 */
public record Placement<I extends Identifier>(I id, KeysetPosition position, ClientId clientId,
                                              EnterpriseId enterpriseId) {

    /** Whether a reader with this scope may see the item (the same rule as the scope in SQL). */
    public boolean visibleIn(ThreadScope scope) {
        return scope.clientId().map(clientId::equals).orElse(true) && scope.enterpriseIds().contains(enterpriseId);
    }
}
