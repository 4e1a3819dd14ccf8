package concierge.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API request as an operation sees it: the JSON body, where an API needs them the headers, and
 * the address of the TCP peer that sent it (behind a reverse proxy: the proxy's).
 */
public record Request(JsonFields body, Function<String, Optional<String>> headers, InetAddress clientAddress) {

    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    /** The IP address of a connection's peer; the wildcard address if the transport gives none. */
    static InetAddress addressOf(SocketAddress peer) {
        if (peer instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress();
        }
        return new InetSocketAddress(0).getAddress();
    }
}
