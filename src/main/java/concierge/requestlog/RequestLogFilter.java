package concierge.requestlog;

import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which logged requests a listing holds: each given filter narrows it, several values of one filter
 * are alternatives. {@code statusClasses} are the hundreds digit, 2 for 2xx.
 */
public record RequestLogFilter(Optional<List<ClientId>> clientIds, Optional<List<IntegrationId>> integrationIds,
                               Optional<List<String>> operations, Optional<List<Integer>> statusClasses,
                               Optional<Interval> createdUtc, Optional<List<UUID>> requestIds) {

    public static RequestLogFilter none() {
        return new RequestLogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** {@code startUtc <= createdUtc < endUtc}. */
    public record Interval(Instant startUtc, Instant endUtc) {
    }
}
