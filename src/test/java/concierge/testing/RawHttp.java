package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.AssertProvider;

/**
 * HTTP/1.1 answers read straight off a socket, for tests that send what an HTTP client library will
 * not: a Content-Length the body does not keep, a body that stops, broken framing.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** An answer; header names are lower case. {@code assertThat(response)} asserts on it as on an API answer. */
    public record Response(int status, Map<String, String> headers, String body)
            implements AssertProvider<ApiResponseAssert> {

        @Override
        public ApiResponseAssert assertThat() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            headers.forEach((name, value) -> lists.put(name, List.of(value)));
            return new ApiResponseAssert(new ApiClient.ApiResponse(status, lists, body));
        }

        /** The body as JSON; fails the test when it is not. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }
    }

    /**
     * POSTs {@code body} to the server on loopback {@code port} from the local address {@code from}
     * (any of 127.0.0.0/8 on Linux): a caller at another address, as far as the server can tell.
     */
    public static Response post(InetAddress from, int port, String path, String body, String... headerNamesAndValues)
            throws IOException {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\n");
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.append(headerNamesAndValues[i]).append(": ").append(headerNamesAndValues[i + 1]).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** One answer; fails the test (instead of hanging it) when none arrives within the socket's timeout. */
    public static Response read(InputStream in) throws IOException {
        try {
            String statusLine = readLine(in);
            assertThat(statusLine).as("a status line").startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within the socket's timeout", e);
        }
    }

    /**
     * The bytes read to the end of the connection, counted: what a server sent before it closed it. A
     * reset after the server closed mid-answer ends the read too.
     */
    public static long drain(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                total += read;
            }
        } catch (IOException e) {
            // closed by the server
        }
        return total;
    }

    /** One line of an HTTP head (or a chunk size), without its CRLF. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
