package concierge.messaging;

import concierge.errors.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A time filter: {@code startUtc <= x < endUtc}, or exactly {@code x == startUtc} when both bounds
 * are the same instant ("equality mode").
 */
public record TimeInterval(Instant startUtc, Instant endUtc) {

    public boolean isEquality() {
        return startUtc.equals(endUtc);
    }

    /**
     * The first whole second the filter admits. Date-times are stored at whole seconds (D2), so the
     * filter is exactly {@code firstSecond() <= X < endSecond()} on them: bounds that are whole seconds
     * for every engine, none of which then rounds a fraction its own way.
     */
    public Instant firstSecond() {
        return ceilingSecond(startUtc);
    }

    /** The whole second after the last one the filter admits; {@link #firstSecond()} when it admits none. */
    public Instant endSecond() {
        if (isEquality()) {
            return startUtc.getNano() == 0 ? startUtc.plusSeconds(1) : ceilingSecond(startUtc);
        }
        return ceilingSecond(endUtc);
    }

    private static Instant ceilingSecond(Instant instant) {
        return instant.getNano() == 0 ? instant : instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Start after end, or longer than {@code maxMonths} calendar months, is a bad request. */
    public void check(String path, int maxMonths) {
        if (startUtc.isAfter(endUtc)) {
            throw InvalidRequestException.field(path, "StartUtc must not be after EndUtc.");
        }
        Instant latestEnd = startUtc.atOffset(ZoneOffset.UTC).plusMonths(maxMonths).toInstant();
        if (endUtc.isAfter(latestEnd)) {
            throw InvalidRequestException.field(path,
                    "the interval must not be longer than " + maxMonths + (maxMonths == 1 ? " month." : " months."));
        }
    }
}
