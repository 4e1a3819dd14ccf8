package concierge.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices a listener that stopped without being asked to. Helidon ends a listener's accept loop on
 * any Throwable (an OutOfMemoryError included) and the process stays alive with its port closed,
 * which no supervisor notices; this runs {@code onDeath} instead (in production: exit, so that the
 * instance is restarted).
 */
public final class ListenerWatch implements HttpService {

    private static final Logger LOG = Logger.getLogger(ListenerWatch.class.getName());

    private final Runnable onDeath;
    private volatile boolean armed;

    public ListenerWatch(Runnable onDeath) {
        this.onDeath = onDeath;
    }

    /** Exits the process with {@code status}, from a thread of its own (the caller may be one that exit waits for). */
    public static Runnable exitWith(int status) {
        return () -> Thread.ofPlatform().name("concierge-exit").start(() -> System.exit(status));
    }

    /** The server has started: from now on a listener that stops is a failure. */
    public void arm() {
        armed = true;
    }

    /** The server is being stopped on purpose: a listener stopping now is expected. */
    public void stopping() {
        armed = false;
    }

    @Override
    public void routing(HttpRules rules) {
    }

    @Override
    public void afterStop() {
        if (armed) {
            LOG.log(Level.SEVERE, "The HTTP listener stopped on its own (see the error before this line):"
                    + " the instance can no longer serve requests and stops now.");
            onDeath.run();
        }
    }
}
