package concierge.observe;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that the JVM's shutdown does not silence it. The standard one
 * resets itself (removes every handler) from a shutdown hook of its own, at once, while Concierge's
 * hook still serves requests through the drain period: their lines, and the stop's, would be lost.
 * Main's hook flushes the handlers at its end, so no line is lost without that reset either. Main installs it
 * (java.util.logging.manager) unless the operator names another.
 */
public final class ServerLogManager extends LogManager {

    /** The thread class of the standard manager's shutdown hook. */
    private static final String SHUTDOWN_RESET_THREAD = "java.util.logging.LogManager$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(SHUTDOWN_RESET_THREAD)) {
            return;
        }
        super.reset();
    }
}
