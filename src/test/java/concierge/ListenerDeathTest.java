package concierge;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.store.Database.Engine;
import concierge.testing.TestConfig;
import concierge.testing.TestDatabases;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 1: Helidon ends a listener on any Throwable in its accept loop (an
 * OutOfMemoryError did) and the process lived on with its port closed. An instance whose listener
 * died must not be left running. The test stops the listener the way Helidon's loop does after a
 * Throwable; in production the action is exit status 70.
 */
class ListenerDeathTest {

    @Test
    void aListenerThatStopsOnItsOwnStopsTheInstance() throws Exception {
        CountDownLatch died = new CountDownLatch(1);
        App app = App.start(config(), died::countDown);
        try {
            stopListenerAsAThrowableInItsLoopDoes(app);

            assertThat(died.await(10, TimeUnit.SECONDS)).as("the instance was told to stop").isTrue();
        } finally {
            app.close();
        }
    }

    @Test
    void closingTheInstanceIsNotAListenerDeath() throws Exception {
        CountDownLatch died = new CountDownLatch(1);
        App app = App.start(config(), died::countDown);

        app.close();

        assertThat(died.await(1, TimeUnit.SECONDS)).isFalse();
    }

    private static Config config() {
        return TestConfig.on(TestDatabases.fresh(Engine.H2), Map.of());
    }

    /** Helidon's ServerListener.stop(), which its accept loop calls when anything is thrown in it. */
    private static void stopListenerAsAThrowableInItsLoopDoes(App app) throws Exception {
        Object server = app.webServer();
        Field listeners = server.getClass().getDeclaredField("listeners");
        listeners.setAccessible(true);
        Object listener = ((Map<?, ?>) listeners.get(server)).values().iterator().next();
        Method stop = listener.getClass().getDeclaredMethod("stop");
        stop.setAccessible(true);
        stop.invoke(listener);
    }
}
