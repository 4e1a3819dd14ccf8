package concierge.requestlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A request log store that keeps nothing: it finds no rows and deletes none. Extend it to watch one call. */
class DiscardingRequestLogStore implements RequestLogStore {

    @Override
    public void add(List<LoggedRequest> requests) {
    }

    @Override
    public Optional<Page> find(RequestLogFilter filter, int count, Optional<UUID> cursor) {
        return Optional.of(new Page(List.of(), Optional.empty()));
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int atMost) {
        return 0;
    }

    @Override
    public int deleteBeyondNewest(long keep, int atMost) {
        return 0;
    }

    @Override
    public int deleteUnauthenticatedBeyondNewest(long keep, int atMost) {
        return 0;
    }

    @Override
    public void deleteAll() {
    }
}
