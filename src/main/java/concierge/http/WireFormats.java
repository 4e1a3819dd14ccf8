package concierge.http;

import concierge.messaging.Limitation;
import concierge.messaging.Page;
import concierge.messaging.TimeInterval;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Shapes shared by the messaging APIs: date-times out, time intervals and Limitation in. */
public final class WireFormats {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private WireFormats() {
    }

    /** Whole seconds in UTC: {@code 2022-03-07T16:09:45Z}. */
    public static String utc(Instant instant) {
        return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The response's {@code Cursor}: the last item's Id, or null for an empty page. */
    public static String cursor(Page<?> page) {
        return page.cursor().map(UUID::toString).orElse(null);
    }

    /** When the interval object is present, both bounds are required. */
    public static Optional<TimeInterval> interval(JsonFields body, String name) {
        return body.optionalObject(name).map(interval ->
                new TimeInterval(interval.instant("StartUtc"), interval.instant("EndUtc")));
    }

    public static Limitation limitation(JsonFields body) {
        JsonFields limitation = body.object("Limitation");
        return new Limitation(limitation.integer("Count"), limitation.optionalUuid("Cursor"));
    }
}
