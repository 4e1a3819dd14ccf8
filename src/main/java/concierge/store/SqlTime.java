package concierge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;

/**
 * Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns, as UTC offset date-times:
 * the one binding both engines store and compare exactly, whatever the JVM's time zone.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static Argument utc(Instant instant) {
        return ObjectArgument.of(instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
