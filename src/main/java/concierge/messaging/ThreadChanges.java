package concierge.messaging;

import java.util.List;

/**
 * Told of every change hotel staff see (the staff event stream): inside the transaction that makes
 * it, to write what must commit with it, and after the commit, to act on it.
 */
public interface ThreadChanges {

    /** Nobody listens (tools and tests that build a use case alone). */
    ThreadChanges NONE = new ThreadChanges() {
        @Override
        public void changed(List<Message> messagesAdded, List<MessageThread> threads) {
        }

        @Override
        public void committed() {
        }
    };

    /**
     * In the change's transaction, after it is stored: the messages added (in order) and every
     * thread they or the change touched, as the change left it.
     */
    void changed(List<Message> messagesAdded, List<MessageThread> threads);

    /** After the commit of a transaction that called {@link #changed}. */
    void committed();
}
