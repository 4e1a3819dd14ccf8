package concierge.messaging;

import concierge.ids.Identifier;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** One page of a newest-first listing; the cursor is the Id of its last (oldest) item. */
public record Page<T>(List<T> items, Optional<UUID> cursor) {

    public static <T> Page<T> of(List<T> items, Function<T, ? extends Identifier> id) {
        return new Page<>(List.copyOf(items),
                items.isEmpty() ? Optional.empty() : Optional.of(id.apply(items.getLast()).value()));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
