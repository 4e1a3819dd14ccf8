package concierge.testing;

import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs the tests of a class one after another, on one thread, in JUnit's default order, while the
 * classes run in parallel (src/test/resources/junit-platform.properties). It is the default method
 * orderer there because JUnit gives a {@code @ParameterizedClass} the default execution mode, not the
 * one for classes: so the default is concurrent, and an orderer's execution mode, which becomes the
 * default of a class's children, keeps each class's tests and engine invocations in turn.
 */
public final class TestsOfAClassInTurn implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        // JUnit's default order, unchanged
    }

    @Override
    public Optional<ExecutionMode> getDefaultExecutionMode() {
        return Optional.of(ExecutionMode.SAME_THREAD);
    }
}
