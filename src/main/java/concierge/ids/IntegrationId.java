package concierge.ids;

import java.util.UUID;

/** The Id of an integration: a client's access to some enterprises, one access token. */
public record IntegrationId(UUID value) implements Identifier {

    /** The UUID's text, as the API writes it and errors quote it. */
    @Override
    public String toString() {
        return value.toString();
    }
}
