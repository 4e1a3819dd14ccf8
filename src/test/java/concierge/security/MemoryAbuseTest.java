package concierge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.demo.DemoData;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.RawHttp;
import concierge.testing.ServerProcess;
import concierge.testing.TestServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What anonymous senders and one hostile tenant can do to the server's memory (issue 10, findings 1
 * and 3), against a server process with the heap it ships with (-Xmx256m) that exits on an
 * OutOfMemoryError, as ./concierge runs it. The answers must be bounded refusals or complete
 * answers; the process must be alive and serving afterwards.
 */
@Tag("slow")
class MemoryAbuseTest {

    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final int TIMEOUT_SECONDS = 5;

    @TempDir
    static Path directory;

    static ServerProcess server;
    static ApiClient api;

    @BeforeAll
    static void startServerProcess() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CONCIERGE_DB_URL", "jdbc:h2:file:" + directory.resolve("concierge"));
        environment.put("CONCIERGE_ADMIN_TOKEN", TestServers.ADMIN_TOKEN);
        environment.put("CONCIERGE_DEMO", "true");
        environment.put("CONCIERGE_RATE_LIMIT_REQUESTS", "100000000");
        environment.put("CONCIERGE_REQUEST_TIMEOUT_SECONDS", Integer.toString(TIMEOUT_SECONDS));
        server = ServerProcess.start(environment, directory.resolve("server.log"));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stopServerProcess() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bodiesOfEmptyObjectsFromSeveralSendersAreRefusedAndTheServerServesOn() throws Exception {
        byte[] bomb = emptyObjectsBomb(MAX_BODY_BYTES);
        List<ApiResponse> answers = new ArrayList<>();
        // Two at a time: the body budget of the shipped heap takes two of the largest bodies at once.
        try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
            List<Future<ApiResponse>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(senders.submit(() -> postBytes(Connector.MESSAGE_THREADS_GET_ALL, bomb)));
            }
            for (Future<ApiResponse> answer : sent) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer).hasStatus(400);
            assertThat(answer.message()).startsWith("Invalid JSON").contains("100000");
        });
        assertServerServesAndNeverRanOutOfMemory();
    }

    @Test
    void sendersThatStallMidBodyHoldOnlyTheBodyBudgetAndSmallRequestsStillPass() throws Exception {
        // The shipped heap gives bodies 32 MiB (two of the largest); these two leave 2,432 bytes of it.
        try (Socket first = stalledBody(16_776_000); Socket second = stalledBody(16_776_000);
             Socket large = stalledBody(5_000)) {
            ApiResponse small = demoThreadsGetAll();
            RawHttp.Response refused = RawHttp.read(large.getInputStream());

            assertThat(small).isOk();
            assertThat(refused).hasStatus(503);
            assertThat(refused.headers()).containsEntry("retry-after", "1").containsEntry("connection", "close");
            assertThat(refused.json().path("Message").asText()).contains("too many large requests");
            assertThat(RawHttp.read(first.getInputStream())).as("the stalled sender, at its deadline").hasStatus(408);
            assertThat(RawHttp.read(second.getInputStream())).hasStatus(408);
        }
        ApiResponse retried = postBytes(Connector.MESSAGE_THREADS_GET_ALL, emptyObjectsBomb(3_000_000));

        assertThat(retried).as("once the stalled bodies are given up").hasStatus(400);
        assertServerServesAndNeverRanOutOfMemory();
    }

    @Test
    void pagesOfEscapedTextsAreStreamedToSeveralReadersAtOnce() throws Exception {
        String thread = threadWithThousandTextsOfControlCharacters();

        List<ApiResponse> pages = new ArrayList<>();
        try (ExecutorService readers = Executors.newFixedThreadPool(4)) {
            List<Future<ApiResponse>> read = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                read.add(readers.submit(() -> api.post(Connector.MESSAGES_GET_ALL, pageRequest(thread))));
            }
            for (Future<ApiResponse> page : read) {
                pages.add(page.get());
            }
        }

        assertThat(pages).allSatisfy(page -> {
            assertThat(page).isOk();
            assertThat(page.body().length()).as("six bytes per control character").isGreaterThan(60_000_000);
            JsonNode messages = page.json().path("Messages");
            assertThat(messages).hasSize(1000);
            assertThat(messages.get(0).path("Text").asText()).isEqualTo("\u0001".repeat(10_000));
        });
        assertServerServesAndNeverRanOutOfMemory();
    }

    @Test
    void aClientThatStopsReadingIsCutOffAtTheWriteDeadline() throws Exception {
        String thread = threadWithThousandTextsOfControlCharacters();
        byte[] request = ApiClient.toJson(pageRequest(thread)).getBytes(StandardCharsets.UTF_8);

        long received;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + Connector.MESSAGES_GET_ALL + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + request.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(request);
            out.flush();
            // Read nothing for longer than the request and write deadlines together.
            Thread.sleep(Duration.ofSeconds(3L * TIMEOUT_SECONDS));
            received = RawHttp.drain(socket.getInputStream());
        }

        assertThat(received).as("bytes the server sent before it cut the connection").isLessThan(60_000_000);
        assertServerServesAndNeverRanOutOfMemory();
    }

    // ----- helpers

    /** {@code {"x":[{},{},…]}} of about {@code size} bytes: each three bytes were 100 bytes of tree. */
    static byte[] emptyObjectsBomb(int size) {
        StringBuilder body = new StringBuilder(size).append("{\"x\":[{}");
        while (body.length() < size - 8) {
            body.append(",{}");
        }
        return body.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static ApiResponse postBytes(String path, byte[] body) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A connection that declared {@code sent + 1000} bytes of body, sent {@code sent} of them, and waits. */
    private static Socket stalledBody(int sent) throws IOException, InterruptedException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + Connector.MESSAGE_THREADS_GET_ALL + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (sent + 1000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(emptyObjectsBomb(sent + 16), 0, sent);
        out.flush();
        Thread.sleep(500); // the server has read what arrived
        return socket;
    }

    /** A new thread with 1000 messages of 10,000 control characters, which JSON writes as six bytes each. */
    private static String threadWithThousandTextsOfControlCharacters() {
        Map<String, Object> add = credentials();
        add.put("OriginalSender", "Mallory");
        add.put("Subject", "Escapes");
        ApiResponse opened = api.post(Connector.MESSAGE_THREADS_ADD, add);
        assertThat(opened).isOk();
        String thread = opened.json().path("MessageThreads").get(0).path("Id").asText();
        String text = "\u0001".repeat(10_000);
        for (int batch = 0; batch < 10; batch++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(Map.of("MessageThreadId", thread, "Text", text));
            }
            Map<String, Object> body = credentials();
            body.put("Messages", items);
            ApiResponse added = api.post(Connector.MESSAGES_ADD, body);
            assertThat(added).isOk();
        }
        return thread;
    }

    private static Map<String, Object> pageRequest(String thread) {
        Map<String, Object> body = credentials();
        body.put("MessageThreadIds", List.of(thread));
        body.put("Limitation", Map.of("Count", 1000));
        return body;
    }

    private static ApiResponse demoThreadsGetAll() {
        Map<String, Object> body = credentials();
        body.put("CreatedUtc", Map.of("StartUtc", "2022-03-03T00:00:00Z", "EndUtc", "2022-03-14T00:00:00Z"));
        body.put("Limitation", Map.of("Count", 10));
        return api.post(Connector.MESSAGE_THREADS_GET_ALL, body);
    }

    private static Map<String, Object> credentials() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ClientToken", DemoData.CLIENT_TOKEN);
        body.put("AccessToken", DemoData.ACCESS_TOKEN);
        body.put("Client", "Memory abuse test");
        return body;
    }

    private static void assertServerServesAndNeverRanOutOfMemory() {
        ApiResponse answer = demoThreadsGetAll();
        assertThat(answer).as(() -> answer + "\nserver log:\n" + server.log()).isOk();
        assertThat(server.process().isAlive()).isTrue();
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
    }
}
