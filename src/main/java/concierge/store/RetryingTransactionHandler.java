package concierge.store;

import concierge.deadline.Deadline;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs a whole transaction again when the database rolled it back to resolve a lock conflict (a
 * deadlock, or a serialization failure), a few times, after a short random pause, within the
 * request's deadline. Jdbi hands this only outermost transactions (a nested {@code inTransaction}
 * joins the open one), so the retry always starts from a clean rollback.
 *
 * <p>Safe because a transaction's callback does nothing but database work: nothing leaves the
 * process before the commit (the webhook outbox rows are written in the same transaction, the
 * dispatcher is woken only after it returns), and a callback builds its statements from values
 * computed before the transaction began.
 */
final class RetryingTransactionHandler extends DelegatingTransactionHandler {

    /**
     * Attempts per transaction, the first included. Writers take their row locks in one order, so a
     * conflict is rare and a retry almost always succeeds; one that survives this many is not bad luck
     * but a new locking pattern, and its 500 (logged) says so instead of hiding it.
     */
    static final int MAX_ATTEMPTS = 5;

    /** The first pause before a retry; each further one doubles (jittered): 10, 20, 40, 80 ms at most. */
    static final long FIRST_PAUSE_MILLIS = 10;

    RetryingTransactionHandler(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return withRetries(() -> getDelegate().inTransaction(handle, callback));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        return withRetries(() -> getDelegate().inTransaction(handle, level, callback));
    }

    private interface Attempt<R, X extends Exception> {
        R run() throws X;
    }

    private static <R, X extends Exception> R withRetries(Attempt<R, X> transaction) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.run();
            } catch (Exception failure) {
                if (attempt >= MAX_ATTEMPTS || !DatabaseFailures.isLockConflict(failure)) {
                    throw failure;
                }
                pauseBeforeAttempt(attempt + 1);
            }
        }
    }

    /** Jdbi binds a handler to each handle; the binding keeps the retry around the bound delegate. */
    @Override
    public TransactionHandler specialize(Handle handle) throws java.sql.SQLException {
        return new RetryingTransactionHandler(getDelegate().specialize(handle));
    }

    /** Random, so that the writers that collided do not collide again; never past the deadline (then 408). */
    private static void pauseBeforeAttempt(int attempt) {
        long ceilingNanos = TimeUnit.MILLISECONDS.toNanos(FIRST_PAUSE_MILLIS << (attempt - 2));
        long pauseNanos = Math.min(ThreadLocalRandom.current().nextLong(ceilingNanos / 2, ceilingNanos + 1),
                Deadline.nanosLeft());
        try {
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before retrying a transaction", e);
        }
        Deadline.check();
    }
}
