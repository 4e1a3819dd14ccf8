package concierge.messaging;

import concierge.ids.MessageThreadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface MessageThreadRepository {

    void add(MessageThread thread);

    /** Where the threads among {@code ids} that the scope sees stand and whose they are, in no particular order. */
    List<Placement<MessageThreadId>> findPlacements(List<MessageThreadId> ids, ThreadScope scope);

    /**
     * Sets IsResolved and moves UpdatedUtc forward to {@code now}, in one transaction; returns the
     * threads as this write left them (read in the same transaction, before any later write).
     */
    List<MessageThread> setResolved(List<MessageThreadId> ids, boolean resolved, Instant now);

    /** Where the thread stands now in newest-first {@code order}, if the scope sees it. */
    Optional<KeysetPosition> findPosition(MessageThreadId threadId, ThreadScope scope, ThreadOrder order);

    /**
     * Up to {@code count} threads newest first in {@code order}, strictly after {@code after} when given.
     * With a Search (and no thread Ids) a bounded number of threads is examined: a page may then hold
     * fewer than {@code count}, even none, with a cursor naming the last thread examined.
     */
    Page<MessageThread> findPage(ThreadScope scope, ThreadFilter filter, ThreadOrder order,
                                 Optional<KeysetPosition> after, int count);

    /** Deletes every thread (the demo reset; messages and what refers to them first). */
    void deleteAll();

    /** Forgets what this instance remembers of threads: after a reset, Ids may stand elsewhere. */
    void forgetRemembered();
}
