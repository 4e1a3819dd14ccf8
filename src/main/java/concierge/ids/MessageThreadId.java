package concierge.ids;

import java.util.UUID;

/** The Id of a message thread. */
public record MessageThreadId(UUID value) implements Identifier {

    /** The UUID's text, as the API writes it and errors quote it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
