package concierge.messaging;

import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface MessageRepository {

    /**
     * Stores the messages in the given order and, in the same transaction, moves each thread's
     * UpdatedUtc and LastMessageUtc forward to {@code now} (the messages' CreatedUtc); with
     * {@code reopen} also marks the threads unresolved.
     */
    void add(List<Message> messages, boolean reopen, Instant now);

    /** The messages among {@code ids}, in no particular order (the staff event stream renders them). */
    List<Message> findByIds(List<MessageId> ids);

    /** Where the message stands in newest-first order, if the scope sees its thread. */
    Optional<KeysetPosition> findPosition(MessageId messageId, ThreadScope scope);

    /**
     * Up to {@code count} messages of the given threads, newest first, strictly older than
     * {@code after}. The caller has already checked that it may read these threads.
     */
    List<Message> findPage(List<MessageThreadId> threadIds, Optional<TimeInterval> createdUtc,
                           Optional<KeysetPosition> after, int count);

    /** Deletes every message (the demo reset; what refers to them first). */
    void deleteAll();

    /** Forgets what this instance remembers of messages: after a reset, Ids may stand elsewhere. */
    void forgetRemembered();
}
