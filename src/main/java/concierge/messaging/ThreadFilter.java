package concierge.messaging;

import concierge.ids.MessageThreadId;
import java.util.List;
import java.util.Optional;

/** The filters of a thread listing; all that are present must hold (AND). */
public record ThreadFilter(
        Optional<List<MessageThreadId>> threadIds,
        Optional<TimeInterval> createdUtc,
        Optional<TimeInterval> updatedUtc,
        Optional<Boolean> isResolved) {

    public boolean hasThreadOrTimeFilter() {
        return threadIds.isPresent() || createdUtc.isPresent() || updatedUtc.isPresent();
    }
}
