package concierge.ids;

import java.util.UUID;

/** The Id of an enterprise: a hotel. */
public record EnterpriseId(UUID value) implements Identifier {

    public static EnterpriseId random() {
        return new EnterpriseId(UUID.randomUUID());
    }

    /** The UUID's text, as the API writes it and errors quote it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
