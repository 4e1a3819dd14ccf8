package concierge.messaging;

import concierge.errors.InvalidRequestException;
import java.util.Optional;
import java.util.UUID;

/** How many items a page holds, and the Id of the item just newer than the page (the cursor). */
public record Limitation(int count, Optional<UUID> cursor) {

    public static final int MAX_COUNT = 1000;

    public void check() {
        if (count < 1 || count > MAX_COUNT) {
            throw InvalidRequestException.field("Limitation.Count", "must be from 1 to " + MAX_COUNT + ".");
        }
    }

    public static InvalidRequestException invalidCursor() {
        return InvalidRequestException.of(
                "Invalid Cursor: Limitation.Cursor does not name an item visible to this caller.");
    }
}
