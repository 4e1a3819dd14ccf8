package concierge.messaging;

import concierge.auth.ConnectorCaller;
import concierge.errors.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** messageThreads/getAll: the caller's own threads, newest first, one page at a time. */
public final class GetAllMessageThreads {

    public static final int MAX_INTERVAL_MONTHS = 3;

    private final MessageThreadRepository threads;

    public GetAllMessageThreads(MessageThreadRepository threads) {
        this.threads = threads;
    }

    public Page<MessageThread> execute(ConnectorCaller caller, Optional<List<UUID>> enterpriseIds,
                                       ThreadFilter filter, Limitation limitation) {
        if (!filter.hasThreadOrTimeFilter()) {
            throw InvalidRequestException.of("Invalid MessageThreadIds: one of MessageThreadIds, CreatedUtc"
                    + " or UpdatedUtc is required.");
        }
        filter.createdUtc().ifPresent(interval -> interval.check("CreatedUtc", MAX_INTERVAL_MONTHS));
        filter.updatedUtc().ifPresent(interval -> interval.check("UpdatedUtc", MAX_INTERVAL_MONTHS));
        limitation.check();
        ThreadScope scope = ThreadScope.ofClient(caller.clientId(), EnterpriseScope.narrow(caller, enterpriseIds));
        // The cursor may name any thread the caller sees, not only those the filters keep.
        ThreadScope visible = ThreadScope.ofClient(caller.clientId(), caller.enterpriseIds());
        Optional<KeysetPosition> after = limitation.cursor().map(cursor ->
                threads.findPosition(cursor, visible).orElseThrow(Limitation::invalidCursor));
        return Page.of(threads.findPage(scope, filter, after, limitation.count()), MessageThread::id);
    }
}
