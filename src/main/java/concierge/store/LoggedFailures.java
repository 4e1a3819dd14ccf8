package concierge.store;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;

/**
 * What a log may show of a failure that came out of the database: exception classes, SQLSTATEs,
 * vendor codes, stack frames, and the statement as we wrote it (named parameters, never their
 * values); never a driver's message. pgjdbc quotes a failed batch entry with all its values, H2
 * quotes the value it could not store or the whole row of a duplicate key, and whatever a driver
 * puts into its messages next must not reach a log either: message texts are guests' words.
 */
public final class LoggedFailures {

    private LoggedFailures() {
    }

    /**
     * A copy of {@code failure} fit for a log: the same classes (by name), stack frames, causes and
     * suppressed failures. When a database exception is anywhere in the chain, every message in it
     * is replaced: an {@link SQLException}'s by its SQLSTATE and vendor code, a Jdbi statement
     * failure's by its statement, any other's (a wrapper's message usually repeats its cause's; a
     * driver's own cause, say a NumberFormatException, quotes the value) by the SQLSTATE, if any.
     * Failures without a database exception keep their messages.
     */
    public static Throwable redacted(Throwable failure) {
        return redacted(failure, false, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable redacted(Throwable failure, boolean belowDatabase, Set<Throwable> seen) {
        if (!seen.add(failure)) {
            return new Redacted(failure.getClass().getName(), "(circular reference)", null);
        }
        boolean database = belowDatabase || involvesDatabase(failure);
        Throwable cause = failure.getCause() == null ? null : redacted(failure.getCause(), database, seen);
        Redacted copy = new Redacted(failure.getClass().getName(), database ? safeMessage(failure) : failure.getMessage(),
                cause);
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(redacted(suppressed, database, seen));
        }
        return copy;
    }

    /**
     * Makes every handler of the root logger (where the log is written, whichever configuration file
     * set them up) pass records with their failure {@link #redacted}: the connection pool logs the
     * statement failure that broke a connection, with the driver's message, through its own logger.
     */
    public static void redactInEveryHandler() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter previous = handler.getFilter();
            handler.setFilter(record -> {
                if (record.getThrown() != null && !(record.getThrown() instanceof Redacted)) {
                    record.setThrown(redacted(record.getThrown()));
                }
                return previous == null || previous.isLoggable(record);
            });
        }
    }

    /** Jdbi's message for a failed statement (its default adds the bound values): SQLSTATE and statement only. */
    static String statementMessage(StatementException failure) {
        return "statement failed" + sqlStates(failure) + ": " + statement(failure.getStatementContext());
    }

    private static String safeMessage(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return "SQLState " + sql.getSQLState() + ", error code " + sql.getErrorCode()
                    + " (the driver's message is not logged: it may quote bound values)";
        }
        if (failure instanceof StatementException statement) {
            return statementMessage(statement);
        }
        String states = sqlStates(failure);
        return states.isEmpty() ? null : states.strip();
    }

    /** Whether {@code failure} or one of its causes is a database exception. */
    private static boolean involvesDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof JdbiException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlStates(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return "";
    }

    /** The statement with its placeholders (list bindings expanded to named ones), never a value. */
    private static String statement(StatementContext context) {
        if (context == null) {
            return "(unknown)";
        }
        String rendered = context.getRenderedSql();
        return rendered != null ? rendered : context.getRawSql();
    }

    /** Prints as the original class would: {@code java.sql.BatchUpdateException: SQLState 08006, …}. */
    private static final class Redacted extends RuntimeException {

        private final String className;

        Redacted(String className, String message, Throwable cause) {
            super(message, cause);
            this.className = className;
        }

        @Override
        public String toString() {
            return getMessage() == null ? className : className + ": " + getMessage();
        }
    }
}
