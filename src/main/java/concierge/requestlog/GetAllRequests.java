package concierge.requestlog;

import concierge.errors.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The operator's reading of the request log: newest first, filtered, in pages with a Cursor. */
public final class GetAllRequests {

    /** Requests one page holds, at most: a page of 16 KB bodies is then at most ~32 MB of JSON. */
    public static final int MAX_COUNT = 1000;

    private final RequestLogStore store;
    private final RequestLogWriter log;

    public GetAllRequests(RequestLogStore store, RequestLogWriter log) {
        this.store = store;
        this.log = log;
    }

    /**
     * A page, the Cursor to go on after it (the last request listed, or the last examined when a
     * filter's window ended the page short; none for an empty page that ends the log), and this
     * instance's counts of what it could not log.
     */
    public record Result(List<LoggedRequest> requests, Optional<UUID> cursor, RequestLogWriter.Counts counts) {
    }

    public Result execute(RequestLogFilter filter, int count, Optional<UUID> cursor) {
        if (count < 1 || count > MAX_COUNT) {
            throw InvalidRequestException.field("Limitation.Count", "must be from 1 to " + MAX_COUNT + ".");
        }
        filter.createdUtc().ifPresent(interval -> {
            if (interval.startUtc().isAfter(interval.endUtc())) {
                throw InvalidRequestException.field("CreatedUtc", "StartUtc must not be after EndUtc.");
            }
        });
        RequestLogStore.Page page = store.find(filter, count, cursor).orElseThrow(() -> InvalidRequestException.of(
                "Invalid Cursor: Limitation.Cursor is not the RequestId of a logged request."));
        List<LoggedRequest> requests = page.requests();
        Optional<UUID> next = page.windowEnd().or(() -> requests.isEmpty()
                ? Optional.empty() : Optional.of(requests.getLast().requestId()));
        return new Result(requests, next, log.counts());
    }
}
