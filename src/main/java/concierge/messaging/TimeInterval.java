package concierge.messaging;

import concierge.errors.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A time filter: {@code startUtc <= x < endUtc}, or exactly {@code x == startUtc} when both bounds
 * are the same instant ("equality mode").
 */
public record TimeInterval(Instant startUtc, Instant endUtc) {

    public boolean isEquality() {
        return startUtc.equals(endUtc);
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
