package concierge.messaging;

import concierge.errors.InvalidRequestException;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.UUID;

/**
 * messages/add, for the application and for hotel staff: all or nothing. Every item is checked
 * first; the messages are then stored in request order (a later item counts as newer), in one
 * transaction with what the listener writes for them (their MessageAdded events).
 */
public final class AddMessages {

    public static final int MAX_ITEMS = 1000;

    private final MessageThreadRepository threads;
    private final MessageRepository messages;
    private final InOneTransaction inOneTransaction;
    private final Clock clock;
    private final NewMessagesListener listener;
    private final ThreadChanges changes;

    public AddMessages(MessageThreadRepository threads, MessageRepository messages, InOneTransaction inOneTransaction,
                       Clock clock, NewMessagesListener listener, ThreadChanges changes) {
        this.threads = threads;
        this.messages = messages;
        this.inOneTransaction = inOneTransaction;
        this.clock = clock;
        this.listener = listener;
        this.changes = changes;
    }

    /**
     * The messages go only into threads the caller sees; an application's reopen a resolved thread, a
     * staff reply leaves IsResolved as it is.
     */
    public List<Message> execute(Caller caller, List<NewMessage> items) {
        List<MessageThreadId> threadIds = items.stream().map(NewMessage::threadId).distinct().toList();
        Map<MessageThreadId, Placement<MessageThreadId>> visible = threads.findPlacements(threadIds, caller.scope())
                .stream().collect(Collectors.toMap(Placement::id, Function.identity()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Message> added = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            NewMessage item = items.get(i);
            Placement<MessageThreadId> thread = visible.get(item.threadId());
            if (thread == null) {
                throw InvalidRequestException.field("Messages[" + i + "].MessageThreadId",
                        "no message thread " + item.threadId() + " is visible to this caller.");
            }
            added.add(new Message(new MessageId(UUID.randomUUID()), thread.id(), thread.clientId(), thread.enterpriseId(),
                    caller.sender(), item.text(), item.identifier(), now));
        }
        int events = inOneTransaction.run(() -> {
            messages.add(added, caller.reopensThreads(), now);
            // The threads as these messages left them (moved, perhaps reopened): read in the transaction.
            changes.changed(added, threads.findPage(caller.scope(),
                    new ThreadFilter(Optional.of(threadIds), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty()),
                    ThreadOrder.CREATED_UTC, Optional.empty(), threadIds.size()).items());
            return listener.messagesAdded(added, now);
        });
        changes.committed();
        if (events > 0) {
            // Only when there is something to send: a wake-up costs the dispatcher a claim transaction.
            listener.messagesCommitted();
        }
        return added;
    }
}
