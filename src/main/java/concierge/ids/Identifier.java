package concierge.ids;

import java.util.UUID;

/**
 * An Id of one kind of thing. Each kind is a record of its own, so that Ids of different kinds side by
 * side (a thread's client, enterprise and integration) cannot be swapped without a compile error. The
 * store binds and reads every kind as its UUID (store.Identifiers); the HTTP edge converts at the
 * boundary. A new kind is a record here with a {@code value} component, named in {@code permits}.
 */
public sealed interface Identifier permits ClientId, EnterpriseId, IntegrationId, MessageThreadId, MessageId {

    UUID value();
}
