package concierge.messaging;

import static concierge.store.SqlTime.utc;

import org.jdbi.v3.core.statement.Query;

/**
 * A {@link TimeInterval} filter in SQL: always the half-open range of whole seconds it admits, so that
 * both engines compare the same bounds (see {@link TimeInterval#firstSecond()}).
 */
final class JdbiTimeIntervals {

    private JdbiTimeIntervals() {
    }

    /** {@code AND column >= :<name>Start AND column < :<name>End}; the column and name are ours, never input. */
    static String condition(String column, String name) {
        return " AND " + column + " >= :" + name + "Start AND " + column + " < :" + name + "End";
    }

    static void bind(Query query, String name, TimeInterval interval) {
        query.bind(name + "Start", utc(interval.firstSecond()));
        query.bind(name + "End", utc(interval.endSecond()));
    }
}
