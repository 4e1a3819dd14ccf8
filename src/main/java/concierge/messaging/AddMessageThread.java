package concierge.messaging;

import concierge.errors.InvalidRequestException;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** messageThreads/add: opens a thread on a guest's behalf in one enterprise of the token. */
public final class AddMessageThread {

    private final MessageThreadRepository threads;
    private final Clock clock;
    private final InOneTransaction inOneTransaction;
    private final ThreadChanges changes;

    public AddMessageThread(MessageThreadRepository threads, Clock clock, InOneTransaction inOneTransaction,
                            ThreadChanges changes) {
        this.threads = threads;
        this.clock = clock;
        this.inOneTransaction = inOneTransaction;
        this.changes = changes;
    }

    /**
     * @param enterpriseId our extension for portfolio tokens; without it the thread goes to the
     *                     token's default enterprise (the first one it was provisioned with)
     */
    public MessageThread execute(Caller.Application caller, Optional<EnterpriseId> enterpriseId, String originalSender,
                                 String subject) {
        EnterpriseId enterprise = enterpriseId.orElse(caller.defaultEnterpriseId());
        if (!caller.reaches(enterprise)) {
            throw InvalidRequestException.field("EnterpriseId",
                    "the enterprise " + enterprise + " is not in the scope of the AccessToken.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        MessageThread thread = new MessageThread(new MessageThreadId(UUID.randomUUID()), caller.clientId(), enterprise,
                caller.integrationId(), originalSender, subject, now, now, false);
        inOneTransaction.run(() -> {
            threads.add(thread);
            changes.changed(List.of(), List.of(thread));
            return thread;
        });
        changes.committed();
        return thread;
    }
}
