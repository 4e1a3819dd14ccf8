package concierge.demo;

import concierge.admin.ProvisioningStore;
import concierge.errors.ForbiddenException;
import concierge.messaging.InOneTransaction;
import concierge.messaging.MessageRepository;
import concierge.messaging.MessageThreadRepository;
import java.util.List;

/**
 * Puts the database back to the demo data (admin {@code reset}): every tenant's data is deleted and
 * the demo data seeded again, in one transaction, so a failure leaves the data as it was. Meant for
 * the embedded database of a laptop or a CI run; on a shared database only where the operator said
 * so (CONCIERGE_ALLOW_RESET).
 */
public final class DemoReset {

    private final boolean allowed;
    private final InOneTransaction transaction;
    private final List<Runnable> deleteInOrder;
    private final ProvisioningStore provisioning;
    private final MessageThreadRepository threads;
    private final MessageRepository messages;
    private final List<Runnable> forgetAfterwards;

    /**
     * @param deleteInOrder    each capability's delete of all its rows, those that refer to others' rows first
     * @param forgetAfterwards what this instance remembers of the old data (credentials, placements,
     *                         open event streams), run once the reset committed
     */
    public DemoReset(boolean allowed, InOneTransaction transaction, List<Runnable> deleteInOrder,
                     ProvisioningStore provisioning, MessageThreadRepository threads, MessageRepository messages,
                     List<Runnable> forgetAfterwards) {
        this.allowed = allowed;
        this.transaction = transaction;
        this.deleteInOrder = List.copyOf(deleteInOrder);
        this.provisioning = provisioning;
        this.threads = threads;
        this.messages = messages;
        this.forgetAfterwards = List.copyOf(forgetAfterwards);
    }

    public void reset() {
        if (!allowed) {
            throw new ForbiddenException("Forbidden: reset deletes every tenant's data and is off on this server"
                    + " (set CONCIERGE_ALLOW_RESET=true to allow it).");
        }
        try {
            transaction.run(() -> {
                deleteInOrder.forEach(Runnable::run);
                return DemoData.seedIfEmpty(provisioning, threads, messages);
            });
        } finally {
            // Also after a failure: what was remembered may be of rows the transaction had deleted.
            forgetAfterwards.forEach(Runnable::run);
        }
    }
}
