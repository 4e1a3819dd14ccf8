package concierge.store;

import concierge.errors.RequestTimeoutException;
import concierge.errors.ServiceUnavailableException;
import concierge.errors.StorageFailures;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/** Tells the API's answer for a failure that came out of the database driver or pool. */
public final class DatabaseFailures implements StorageFailures {

    /** SQLSTATE of a statement cancelled by its timeout, on both engines. */
    private static final String QUERY_CANCELED = "57014";
    /** SQLSTATE of H2 giving up waiting for a lock. */
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    /** SQLSTATE of a serialization failure; H2 also reports a deadlock with it. */
    private static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE of a deadlock PostgreSQL broke by rolling back one of the transactions. */
    private static final String DEADLOCK_DETECTED = "40P01";

    /** A timeout (the statement's, or H2's wait for a lock) is 408, an unreachable database 503. */
    @Override
    public Throwable translate(Throwable failure, long timeoutSeconds) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException
                    || (cause instanceof SQLException sql
                    && (QUERY_CANCELED.equals(sql.getSQLState()) || H2_LOCK_TIMEOUT.equals(sql.getSQLState())))) {
                return new RequestTimeoutException(timeoutSeconds);
            }
            if (isUnreachable(cause)) {
                return new ServiceUnavailableException(failure);
            }
        }
        return failure;
    }

    /** Without driver messages, which may quote bound values (LoggedFailures). */
    @Override
    public Throwable redacted(Throwable failure) {
        return LoggedFailures.redacted(failure);
    }

    /**
     * The pool gave up waiting for a connection, the driver could not connect (SQLSTATE class 08), or
     * PostgreSQL refuses or ends sessions while it starts, stops or restarts (SQLSTATE 57P01 admin
     * shutdown, 57P02 crash shutdown, 57P03 cannot connect now, and the rest of 57P).
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The database rolled the transaction back to resolve a lock conflict: running it again may succeed. */
    static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
