package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.OnBothEngines;
import concierge.testing.RawHttp;
import concierge.testing.TestServers;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What reaches the server as raw HTTP: requests Helidon refuses before the Router runs still get
 * the error body and Request-Id (spec D14), and a client that stops sending its body is answered
 * 408 and disconnected at the request timeout (D16). Every read is bounded, so no test can hang.
 */
@Tag("slow")
class HttpEdgeTest extends OnBothEngines {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final int SHORT_TIMEOUT_SECONDS = 2;

    private static final Map<Engine, App> SHORT_TIMEOUT_SERVERS = new EnumMap<>(Engine.class);

    @AfterAll
    static void closePrivateServers() {
        SHORT_TIMEOUT_SERVERS.values().forEach(App::close);
        SHORT_TIMEOUT_SERVERS.clear();
    }

    // ---- refused by Helidon before the Router: same status, our body (D14) ----

    @Test
    void garbageRequestLineGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(), "GARBAGE\r\n\r\n");

        assertThat(response).isError(400);
    }

    @Test
    void nonNumericContentLengthGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(), post(Connector.MESSAGE_THREADS_GET_ALL, "Content-Length: abc\r\n", "{}"));

        assertThat(response).isError(400);
        assertThat(response.json().path("Message").asText()).contains("Content length is not a number");
    }

    @Test
    void contentLengthWithChunkedEncodingGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(), post(Connector.MESSAGE_THREADS_GET_ALL,
                "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"));

        assertThat(response).isError(400);
        assertThat(response.json().path("Message").asText()).contains("Transfer-Encoding and Content-Length");
    }

    @Test
    void malformedChunkSizeIsA400WithTheErrorBodyAndTheConnectionClosed() throws IOException {
        RawHttp.Response response = send(port(), post(Connector.MESSAGE_THREADS_GET_ALL, "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"));

        assertThat(response).hasStatus(400);
        assertThat(response).hasErrorBody();
        assertThat(response.json().path("Message").asText()).contains("chunked");
        assertThat(response.headers().get("connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void badPercentEncodingInThePathGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(),
                post("/api/connector/v1/messageThreads/get%zzAll", "Content-Length: 2\r\n", "{}"));

        assertThat(response).isError(400);
    }

    @Test
    void badPercentEncodingInTheQueryGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(), post(Connector.MESSAGE_THREADS_GET_ALL + "?%zz", "Content-Length: 2\r\n", "{}"));

        assertThat(response).isError(400);
        assertThat(response.json().path("Message").asText()).contains("Query");
    }

    @Test
    void headerOver64KiBGetsTheErrorBody() throws IOException {
        RawHttp.Response response = send(port(),
                post(Connector.MESSAGE_THREADS_GET_ALL, "X-Big: " + "a".repeat(70_000) + "\r\nContent-Length: 2\r\n", "{}"));

        assertThat(response).isError(400);
    }

    @Test
    void malformedChunkSizeIsAnsweredAtOnceEvenWhenNothingFollowsIt() throws IOException {
        try (Socket socket = connect(port())) {
            socket.getOutputStream().write(post(Connector.MESSAGE_THREADS_GET_ALL, "Transfer-Encoding: chunked\r\n", "zz\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream()); // the server's deadline is 30 s

            assertThat(response).hasStatus(400);
            assertThat(response).hasErrorBody();
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
        }
    }

    @Test
    void declaredBodyOverTheLimitIs413AndTheConnectionClosedWithoutReadingIt() throws IOException {
        try (Socket socket = connect(port())) {
            socket.getOutputStream().write(post(Connector.MESSAGE_THREADS_GET_ALL, "Content-Length: 1073741824\r\n", "{\"Client\":")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response).hasStatus(413);
            assertThat(response).hasErrorBody();
            assertThat(response.headers().get("connection")).isEqualTo("close");
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
        }
    }

    // ---- a body that stops arriving (D16, docs/operations.md) ----

    @Test
    void bodyThatStopsArrivingIsAnswered408AndTheConnectionClosed() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = connect(shortTimeoutServer().port())) {
            socket.getOutputStream().write(post(Connector.MESSAGE_THREADS_GET_ALL, "Content-Length: 100\r\n", "{")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response).hasStatus(408);
            assertThat(response).hasErrorBody();
            assertThat(response.headers().get("connection")).isEqualTo("close");
            assertThat(socket.getInputStream().read()).as("the server closes the connection").isEqualTo(-1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(SHORT_TIMEOUT_SECONDS).minusMillis(100))
                .isLessThan(PATIENCE);
    }

    /** A known deviation (docs/compatibility.md): Helidon upper-cases the method before anything else sees it. */
    @Test
    void aLowerCaseMethodIsTakenAsPost() throws IOException {
        RawHttp.Response response = send(port(), "post " + Connector.MESSAGE_THREADS_GET_ALL + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 2\r\n\r\n{}");

        assertThat(response).hasStatus(400);
        assertThat(response.json().path("Message").asText()).contains("ClientToken");
    }

    @Test
    void keepAliveConnectionServesASecondRequestAfterAPause() throws IOException, InterruptedException {
        try (Socket socket = connect(shortTimeoutServer().port())) {
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(post(Connector.MESSAGE_THREADS_GET_ALL, "Content-Length: 2\r\n", "{}")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();

                RawHttp.Response response = RawHttp.read(socket.getInputStream());

                assertThat(response).hasStatus(400);
                assertThat(response.headers().get("connection")).isNotEqualTo("close");
                Thread.sleep(Duration.ofSeconds(SHORT_TIMEOUT_SECONDS + 1)); // idle longer than the request timeout
            }
        }
    }

    // ---- helpers ----

    private int port() {
        return TestServers.running(engine).port();
    }

    private App shortTimeoutServer() {
        synchronized (SHORT_TIMEOUT_SERVERS) {
            return SHORT_TIMEOUT_SERVERS.computeIfAbsent(engine, e -> TestServers.start(e,
                    Map.of("CONCIERGE_REQUEST_TIMEOUT_SECONDS", Integer.toString(SHORT_TIMEOUT_SECONDS))));
        }
    }

    private static String post(String target, String headers, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n" + body;
    }

    /** The status Helidon chose, with our body, Content-Type and Request-Id. */


    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    private static RawHttp.Response send(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return RawHttp.read(socket.getInputStream());
        }
    }
}
