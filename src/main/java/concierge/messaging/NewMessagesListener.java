package concierge.messaging;

import java.time.Instant;
import java.util.List;

/**
 * Told of new messages twice (the webhooks' MessageAdded events): inside the transaction that stores
 * them, to write what must commit with them, and after the commit, to act on it.
 */
public interface NewMessagesListener {

    /** In the messages' transaction, after they are stored; returns how many events it wrote for them. */
    int messagesAdded(List<Message> messages, Instant now);

    /** After the commit, when {@link #messagesAdded} wrote any events. */
    void messagesCommitted();
}
