package concierge.http;

import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import java.util.Optional;

/**
 * Who a request turned out to come from, written by the API's authentication wrapper once it knows,
 * read by the request's observers after the answer. One per request, used on its thread.
 */
public final class CallerName {

    private String name;
    private ClientId clientId;
    private IntegrationId integrationId;

    /** {@code name} says who without a secret: "client {Name} {ClientId}", "staff of {EnterpriseId}", "admin". */
    public void set(String name) {
        this.name = name;
    }

    public Optional<String> get() {
        return Optional.ofNullable(name);
    }

    /**
     * A Connector caller: named by its client's registered name (quoted, as an admin chose it) and
     * Id, and kept by the request log with its integration.
     */
    void setConnector(ClientId client, String clientName, IntegrationId integration) {
        set("client \"" + clientName + "\" " + client);
        this.clientId = client;
        this.integrationId = integration;
    }

    Optional<ClientId> clientId() {
        return Optional.ofNullable(clientId);
    }

    Optional<IntegrationId> integrationId() {
        return Optional.ofNullable(integrationId);
    }
}
