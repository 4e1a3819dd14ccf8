package concierge.messaging;

/** Told after new messages were committed with MessageAdded events to send (the webhook dispatcher wakes up on it). */
@FunctionalInterface
public interface NewMessagesListener {

    void messagesCommitted();
}
