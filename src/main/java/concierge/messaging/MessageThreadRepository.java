package concierge.messaging;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface MessageThreadRepository {

    void add(MessageThread thread);

    /** Where the thread stands in newest-first order, if the scope sees it. */
    Optional<KeysetPosition> findPosition(UUID threadId, ThreadScope scope);

    /** Up to {@code count} threads newest first, strictly older than {@code after} when given. */
    List<MessageThread> findPage(ThreadScope scope, ThreadFilter filter, Optional<KeysetPosition> after, int count);
}
