package concierge.messaging;

import java.util.function.Supplier;

/**
 * Runs work so that every repository call in it commits together or not at all ({@code
 * store.Database::inOneTransaction}): how a use case composes writes of several capabilities.
 */
@FunctionalInterface
public interface InOneTransaction {

    <T> T run(Supplier<T> work);
}
