package concierge.testing;

import concierge.App;
import concierge.store.Database.Engine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What {@link OnBothEngines} and {@link OnH2} give a test class: the {@link #engine} it runs on (its
 * {@code @BeforeParameterizedClassInvocation} methods get it as their argument) and, in each test,
 * {@link #tenants} on {@link #server()}.
 */
abstract class ServerTest {

    @Parameter
    protected Engine engine;

    protected Tenants tenants;

    @BeforeEach
    final void connectToTheServer() {
        tenants = new Tenants(server());
    }

    /** The server {@link #tenants} talks to: the engine's shared one; a class with a server of its own returns that. */
    protected App server() {
        return TestServers.running(engine);
    }
}
