package concierge.demo;

import concierge.errors.ForbiddenException;
import concierge.messaging.InOneTransaction;
import java.util.List;

/**
 * Puts the database back to the demo data (admin {@code reset}): every tenant's data is deleted and
 * the demo data seeded again, in one transaction, so a failure leaves the data as it was. Meant for
 * the embedded database of a laptop or a CI run; on a shared database only where the operator said
 * so (CONCIERGE_ALLOW_RESET).
 */
public final class DemoReset {

    /**
     * A writer that commits between two of the deletes (a message added to a thread not yet deleted,
     * a webhook attempt recorded for a batch not yet deleted) makes a later delete fail on its foreign
     * key. The whole reset then runs again, and deletes that row first; a third failure is answered.
     */
    static final int MAX_ATTEMPTS = 3;

    private final boolean allowed;
    private final InOneTransaction transaction;
    private final List<Runnable> deleteInOrder;
    private final Runnable seed;
    private final List<Runnable> forgetAfterwards;

    /**
     * @param deleteInOrder    each capability's delete of all its rows, those that refer to others' rows first
     * @param seed             writes the demo data into the emptied database
     * @param forgetAfterwards what this instance remembers of the old data (credentials, placements,
     *                         open event streams), run once the reset is over
     */
    public DemoReset(boolean allowed, InOneTransaction transaction, List<Runnable> deleteInOrder, Runnable seed,
                     List<Runnable> forgetAfterwards) {
        this.allowed = allowed;
        this.transaction = transaction;
        this.deleteInOrder = List.copyOf(deleteInOrder);
        this.seed = seed;
        this.forgetAfterwards = List.copyOf(forgetAfterwards);
    }

    public void reset() {
        if (!allowed) {
            throw new ForbiddenException("Forbidden: reset deletes every tenant's data and is off on this server"
                    + " (set CONCIERGE_ALLOW_RESET=true to allow it).");
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    transaction.run(() -> {
                        deleteInOrder.forEach(Runnable::run);
                        seed.run();
                        return null;
                    });
                    return;
                } catch (RuntimeException e) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            // Also after a failure: what was remembered may be of rows a transaction had deleted.
            forgetAfterwards.forEach(Runnable::run);
        }
    }
}
