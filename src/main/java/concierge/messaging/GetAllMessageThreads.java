package concierge.messaging;

import concierge.errors.InvalidRequestException;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import java.util.List;
import java.util.Optional;

/** messageThreads/getAll: threads newest first, one page at a time, for an application or for staff. */
public final class GetAllMessageThreads {

    public static final int MAX_INTERVAL_MONTHS = 3;

    private final MessageThreadRepository threads;

    public GetAllMessageThreads(MessageThreadRepository threads) {
        this.threads = threads;
    }

    /**
     * The threads the caller sees in the enterprises asked for (default: all its credential reaches). An
     * application must filter by thread Ids, CreatedUtc or UpdatedUtc; the staff inbox needs no filter.
     * The cursor may name any thread the caller sees, not only those the filters keep; by UpdatedUtc, the
     * next page starts after where that thread stands now. A Search examines a bounded number of threads
     * per request (JdbiMessageThreadRepository.SEARCH_WINDOW): its page may be short, even empty, with a
     * Cursor to go on.
     */
    public Page<MessageThread> execute(Caller caller, Optional<List<EnterpriseId>> enterpriseIds, ThreadFilter filter,
                                       ThreadOrder order, Limitation limitation) {
        if (caller instanceof Caller.Application && !filter.hasThreadOrTimeFilter()) {
            throw InvalidRequestException.of("Invalid MessageThreadIds: one of MessageThreadIds, CreatedUtc"
                    + " or UpdatedUtc is required.");
        }
        ThreadScope scope = caller.scopeNarrowedTo(enterpriseIds);
        filter.createdUtc().ifPresent(interval -> interval.check("CreatedUtc", MAX_INTERVAL_MONTHS));
        filter.updatedUtc().ifPresent(interval -> interval.check("UpdatedUtc", MAX_INTERVAL_MONTHS));
        limitation.check();
        Optional<KeysetPosition> after = limitation.cursor().map(cursor -> threads
                .findPosition(new MessageThreadId(cursor), caller.scope(), order).orElseThrow(Limitation::invalidCursor));
        return threads.findPage(scope, filter, order, after, limitation.count());
    }
}
