package concierge.http;

import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API request as an operation sees it: the JSON body, where an API needs them the headers, and
 * the address of the TCP peer that sent it (behind a reverse proxy: the proxy's); and, once it is
 * authenticated, the caller's name for the request's log line.
 */
public record Request(JsonFields body, Function<String, Optional<String>> headers, InetAddress clientAddress,
                      CallerName callerName) {

    public Request(JsonFields body, Function<String, Optional<String>> headers, InetAddress clientAddress) {
        this(body, headers, clientAddress, new CallerName());
    }

    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    /** The authenticated caller is this client's application, through this integration. */
    public void identifiedAs(ClientId client, String clientName, IntegrationId integration) {
        callerName.setConnector(client, clientName, integration);
    }

    /** Names the authenticated caller of this request (never with a secret). */
    public void identifiedAs(String caller) {
        callerName.set(caller);
    }

    /** The IP address of a connection's peer; the wildcard address if the transport gives none. */
    static InetAddress addressOf(SocketAddress peer) {
        if (peer instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress();
        }
        return new InetSocketAddress(0).getAddress();
    }
}
