package concierge.messaging;

import concierge.ids.MessageThreadId;
import java.util.List;
import java.util.Optional;

/**
 * The filters of a thread listing; all that are present must hold (AND). {@code search} (staff only):
 * Subject or OriginalSender contains it, case-insensitively ({@link SearchText}).
 */
public record ThreadFilter(
        Optional<List<MessageThreadId>> threadIds,
        Optional<TimeInterval> createdUtc,
        Optional<TimeInterval> updatedUtc,
        Optional<Boolean> isResolved,
        Optional<String> search) {

    public boolean hasThreadOrTimeFilter() {
        return threadIds.isPresent() || createdUtc.isPresent() || updatedUtc.isPresent();
    }
}
