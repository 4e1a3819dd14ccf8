package concierge.messaging;

import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import java.util.List;
import java.util.Optional;

/** messages/getAll: the messages of some threads, newest first, one page at a time. */
public final class GetAllMessages {

    public static final int MAX_INTERVAL_MONTHS = 1;

    private final MessageThreadRepository threads;
    private final MessageRepository messages;

    public GetAllMessages(MessageThreadRepository threads, MessageRepository messages) {
        this.threads = threads;
        this.messages = messages;
    }

    /**
     * Messages of those threads the caller sees in the enterprises asked for (default: all its credential
     * reaches). The cursor may name a message of any thread the caller sees.
     */
    public Page<Message> execute(Caller caller, Optional<List<EnterpriseId>> enterpriseIds,
                                 List<MessageThreadId> threadIds,
                                 Optional<TimeInterval> createdUtc, Limitation limitation) {
        ThreadScope scope = caller.scopeNarrowedTo(enterpriseIds);
        createdUtc.ifPresent(interval -> interval.check("CreatedUtc", MAX_INTERVAL_MONTHS));
        limitation.check();
        Optional<KeysetPosition> after = limitation.cursor().map(cursor ->
                messages.findPosition(new MessageId(cursor), caller.scope()).orElseThrow(Limitation::invalidCursor));
        // The scope is checked on the threads (remembered, or a few primary-key lookups); the messages are then read
        // by thread alone, which lets the database walk one thread's index in order (docs/design.md).
        List<MessageThreadId> readable = threads.findPlacements(threadIds.stream().distinct().toList(), scope).stream()
                .map(Placement::id).toList();
        if (readable.isEmpty()) {
            return Page.of(List.of(), Message::id);
        }
        return Page.of(messages.findPage(readable, createdUtc, after, limitation.count()), Message::id);
    }
}
