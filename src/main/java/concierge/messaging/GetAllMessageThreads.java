package concierge.messaging;

import concierge.auth.ConnectorCaller;
import concierge.errors.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** messageThreads/getAll: threads newest first, one page at a time, for an application or for staff. */
public final class GetAllMessageThreads {

    public static final int MAX_INTERVAL_MONTHS = 3;

    private final MessageThreadRepository threads;

    public GetAllMessageThreads(MessageThreadRepository threads) {
        this.threads = threads;
    }

    /** The application's own threads; at least one of thread Ids, CreatedUtc or UpdatedUtc is required. */
    public Page<MessageThread> forApplication(ConnectorCaller caller, Optional<List<UUID>> enterpriseIds,
                                              ThreadFilter filter, Limitation limitation) {
        if (!filter.hasThreadOrTimeFilter()) {
            throw InvalidRequestException.of("Invalid MessageThreadIds: one of MessageThreadIds, CreatedUtc"
                    + " or UpdatedUtc is required.");
        }
        ThreadScope scope = ThreadScope.ofClient(caller.clientId(),
                EnterpriseScope.narrow(caller.enterpriseIds(), enterpriseIds, "AccessToken"));
        return page(scope, ThreadScope.ofClient(caller.clientId(), caller.enterpriseIds()), filter, limitation);
    }

    /**
     * The staff inbox: every thread of the enterprise, whoever opened it; no filter is required.
     * {@code enterpriseIds}, when given, may name only the staff's own enterprise.
     */
    public Page<MessageThread> forStaff(UUID enterpriseId, Optional<List<UUID>> enterpriseIds, ThreadFilter filter,
                                        Limitation limitation) {
        ThreadScope scope = ThreadScope.ofEnterprises(EnterpriseScope.narrow(List.of(enterpriseId), enterpriseIds,
                "staff token"));
        return page(scope, scope, filter, limitation);
    }

    /** The cursor may name any thread the caller sees ({@code visible}), not only those the filters keep. */
    private Page<MessageThread> page(ThreadScope scope, ThreadScope visible, ThreadFilter filter,
                                     Limitation limitation) {
        filter.createdUtc().ifPresent(interval -> interval.check("CreatedUtc", MAX_INTERVAL_MONTHS));
        filter.updatedUtc().ifPresent(interval -> interval.check("UpdatedUtc", MAX_INTERVAL_MONTHS));
        limitation.check();
        Optional<KeysetPosition> after = limitation.cursor().map(cursor ->
                threads.findPosition(cursor, visible).orElseThrow(Limitation::invalidCursor));
        return Page.of(threads.findPage(scope, filter, after, limitation.count()), MessageThread::id);
    }
}
