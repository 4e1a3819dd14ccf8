package concierge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.http.docs.ApiDocs;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.OnH2;
import concierge.testing.RawHttp;
import concierge.testing.TestServers;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What an anonymous caller can do with /docs and /openapi.json: its largest file (Swagger UI's 1.7 MB
 * bundle) asked for and never read holds the server no longer than the write deadline, and the
 * document is the same static file for everybody, with nothing of the server's secrets in it.
 */
@Tag("slow")
class DocsAbuseTest extends OnH2 {

    private static final int TIMEOUT_SECONDS = 2;
    private static final int PIPELINED = 20;
    private static final String BUNDLE = ApiDocs.PATH + "/swagger-ui-bundle.js";

    static App app;

    @BeforeParameterizedClassInvocation
    static void startWithAShortDeadline(Engine engine) {
        app = TestServers.start(engine, Map.of("CONCIERGE_REQUEST_TIMEOUT_SECONDS", Integer.toString(TIMEOUT_SECONDS)));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void aReaderThatStopsReadingIsCutOffAtTheWriteDeadline() throws Exception {
        int size = tenants.api().send("GET", BUNDLE, null).body().getBytes(StandardCharsets.UTF_8).length;
        // More than the socket buffers take (loopback's grow to a few MB), so a write must wait for the reader.
        String requests = ("GET " + BUNDLE + " HTTP/1.1\r\nHost: localhost\r\n\r\n").repeat(PIPELINED);

        long received;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read nothing for longer than the write deadline.
            Thread.sleep(Duration.ofSeconds(3L * TIMEOUT_SECONDS));
            received = RawHttp.drain(socket.getInputStream());
        }

        assertThat(size).isGreaterThan(1_000_000);
        assertThat(received).as("bytes the server sent before it closed the connection")
                .isLessThan((long) PIPELINED * size);
        assertThat(tenants.api().send("GET", ApiDocs.DOCUMENT_PATH, null).status()).isEqualTo(200);
    }

    @Test
    void theDocumentHoldsNoSecretOfTheServerAndIsTheSameForEveryCaller() {
        String staffToken = tenants.staffToken(tenants.enterprise());
        ApiResponse anonymous = tenants.api().send("GET", ApiDocs.DOCUMENT_PATH, null);
        ApiResponse withCredentials = tenants.api().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.port() + ApiDocs.DOCUMENT_PATH))
                .header("Authorization", "Bearer " + staffToken).GET().build());

        assertThat(anonymous.body()).isEqualTo(withCredentials.body())
                .doesNotContain(TestServers.ADMIN_TOKEN).doesNotContain(staffToken);
    }
}
