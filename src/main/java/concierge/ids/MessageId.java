package concierge.ids;

import java.util.UUID;

/** The Id of a message. */
public record MessageId(UUID value) implements Identifier {

    /** The UUID's text, as the API writes it and errors quote it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
