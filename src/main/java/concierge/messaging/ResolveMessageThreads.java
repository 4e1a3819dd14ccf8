package concierge.messaging;

import concierge.errors.InvalidRequestException;
import concierge.ids.MessageThreadId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Hotel staff resolve or reopen threads of their enterprise: all or nothing. */
public final class ResolveMessageThreads {

    private final MessageThreadRepository threads;
    private final Clock clock;
    private final InOneTransaction inOneTransaction;
    private final ThreadChanges changes;

    public ResolveMessageThreads(MessageThreadRepository threads, Clock clock, InOneTransaction inOneTransaction,
                                 ThreadChanges changes) {
        this.threads = threads;
        this.clock = clock;
        this.inOneTransaction = inOneTransaction;
        this.changes = changes;
    }

    /** Returns the updated threads in the order of {@code threadIds} (each once). */
    public List<MessageThread> execute(Caller.Staff staff, List<MessageThreadId> threadIds, boolean resolved) {
        List<MessageThreadId> ids = threadIds.stream().distinct().toList();
        Set<MessageThreadId> visible = threads.findPlacements(ids, staff.scope()).stream()
                .map(Placement::id).collect(Collectors.toSet());
        for (int i = 0; i < threadIds.size(); i++) {
            if (!visible.contains(threadIds.get(i))) {
                throw InvalidRequestException.field("MessageThreadIds[" + i + "]",
                        "no message thread " + threadIds.get(i) + " is visible to this caller.");
            }
        }
        // The answer is what this write left, not a fresh read that a racing message could change.
        List<MessageThread> updated = inOneTransaction.run(() -> {
            List<MessageThread> written = threads.setResolved(ids, resolved,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
            changes.changed(List.of(), written);
            return written;
        });
        changes.committed();
        return updated.stream()
                .sorted(Comparator.comparingInt(thread -> ids.indexOf(thread.id())))
                .toList();
    }
}
