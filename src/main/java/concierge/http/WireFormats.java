package concierge.http;

import concierge.messaging.Page;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Shapes shared by the APIs' answers: date-times and cursors. What requests share is {@link RequestFields}. */
public final class WireFormats {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireFormats() {
    }

    /**
     * Whole seconds in UTC: {@code 2022-03-07T16:09:45Z}. Written digit by digit: a page of 100 threads
     * writes 200 of these, and the pattern formatter was the server's own hottest frame in the profile
     * (bench/results/2026-11-25/LATEST.md). Years outside 0001-9999 take the formatter (it writes
     * year-of-era: year 0 is "0001").
     */
    public static String utc(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] text = "0000-00-00T00:00:00Z".toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        return new String(text);
    }

    /** Milliseconds in UTC, always three digits: {@code 2022-03-07T16:09:45.120Z} (the request log's times). */
    public static String utcMillis(Instant instant) {
        return UTC_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) {
            text[i] = (char) ('0' + value % 10);
        }
    }

    /** The response's {@code Cursor}: the last item's Id, or null for an empty page. */
    public static String cursor(Page<?> page) {
        return page.cursor().map(UUID::toString).orElse(null);
    }
}
