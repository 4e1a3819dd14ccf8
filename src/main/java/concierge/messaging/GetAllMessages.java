package concierge.messaging;

import concierge.auth.ConnectorCaller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** messages/getAll: the messages of some threads, newest first, one page at a time. */
public final class GetAllMessages {

    public static final int MAX_INTERVAL_MONTHS = 1;

    private final MessageThreadRepository threads;
    private final MessageRepository messages;

    public GetAllMessages(MessageThreadRepository threads, MessageRepository messages) {
        this.threads = threads;
        this.messages = messages;
    }

    /** Only messages of the caller's own threads, in the enterprises asked for (default: all in scope). */
    public Page<Message> forApplication(ConnectorCaller caller, Optional<List<UUID>> enterpriseIds,
                                        List<UUID> threadIds, Optional<TimeInterval> createdUtc,
                                        Limitation limitation) {
        ThreadScope scope = ThreadScope.ofClient(caller.clientId(),
                EnterpriseScope.narrow(caller.enterpriseIds(), enterpriseIds, "AccessToken"));
        return page(scope, ThreadScope.ofClient(caller.clientId(), caller.enterpriseIds()), threadIds, createdUtc,
                limitation);
    }

    /** Messages of any thread in the staff's enterprise ({@code enterpriseIds} may name only that one). */
    public Page<Message> forStaff(UUID enterpriseId, Optional<List<UUID>> enterpriseIds, List<UUID> threadIds,
                                 Optional<TimeInterval> createdUtc, Limitation limitation) {
        ThreadScope scope = ThreadScope.ofEnterprises(EnterpriseScope.narrow(List.of(enterpriseId), enterpriseIds,
                "staff token"));
        return page(scope, scope, threadIds, createdUtc, limitation);
    }

    private Page<Message> page(ThreadScope scope, ThreadScope visible, List<UUID> threadIds,
                               Optional<TimeInterval> createdUtc, Limitation limitation) {
        createdUtc.ifPresent(interval -> interval.check("CreatedUtc", MAX_INTERVAL_MONTHS));
        limitation.check();
        Optional<KeysetPosition> after = limitation.cursor().map(cursor ->
                messages.findPosition(cursor, visible).orElseThrow(Limitation::invalidCursor));
        // The scope is checked on the threads (remembered, or a few primary-key lookups); the messages are then read
        // by thread alone, which lets the database walk one thread's index in order (docs/design.md).
        List<UUID> readable = threads.findPlacements(threadIds.stream().distinct().toList(), scope).stream()
                .map(Placement::id).toList();
        if (readable.isEmpty()) {
            return Page.of(List.of(), Message::id);
        }
        return Page.of(messages.findPage(readable, createdUtc, after, limitation.count()), Message::id);
    }
}
