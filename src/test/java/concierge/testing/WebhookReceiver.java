package concierge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real webhook receiver on loopback: an HTTP server that records every request (method, path
 * with query, body parsed as JSON, arrival time) and answers as the test tells it. Scripted answers
 * are used one per request, in arrival order; when none is left the default answer applies (200
 * unless changed). Each request is handled on its own virtual thread, so a hanging answer holds
 * only its own request.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the receiver answers one request. */
    public record Answer(int status, Duration hang, String location) {

        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO, null);
        }

        public static Answer ok() {
            return status(200);
        }

        /** Waits {@code hang} before answering {@code status} (the sender may have given up by then). */
        public static Answer hang(Duration hang, int status) {
            return new Answer(status, hang, null);
        }

        /** A redirect ({@code 301, 302, 307, 308}) to {@code location}, e.g. another path of this receiver. */
        public static Answer redirect(int status, String location) {
            return new Answer(status, Duration.ZERO, location);
        }
    }

    /**
     * One request as it arrived.
     *
     * @param pathAndQuery the raw path, plus {@code ?query} when there is one
     * @param protocol     the request line's protocol, say {@code HTTP/1.1}
     * @param upgrade      the {@code Upgrade} header, null when absent
     * @param body         the body parsed as JSON (a missing node when it was not JSON)
     * @param arrivedNanos {@link System#nanoTime()} at arrival, for latency measurements in this JVM
     */
    public record Received(String method, String pathAndQuery, String contentType, String protocol, String upgrade,
                           JsonNode body, String rawBody, Instant arrivedUtc, long arrivedNanos) {

        public String path() {
            int query = pathAndQuery.indexOf('?');
            return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        }

        /** The {@code Value.Id} of every event in the payload, in order. */
        public List<String> eventIds() {
            List<String> ids = new ArrayList<>();
            body.path("Events").forEach(event -> ids.add(event.path("Value").path("Id").asText()));
            return ids;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> scripted = new ArrayDeque<>();
    private Function<Received, Answer> defaultAnswer = request -> Answer.ok();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver on a free loopback port. */
    public static WebhookReceiver start() {
        return startOn(0);
    }

    /** A receiver on the given loopback port (0: any free port). */
    public static WebhookReceiver startOn(int port) {
        try {
            return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The absolute URL of {@code pathAndQuery} on this receiver, e.g. {@code url("/hook?secret=s3")}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** The next requests get these answers, one each, in arrival order. */
    public synchronized WebhookReceiver answerNext(Answer... answers) {
        scripted.addAll(List.of(answers));
        return this;
    }

    /** Every request without a scripted answer gets this one. */
    public synchronized WebhookReceiver answerAlways(Answer answer) {
        defaultAnswer = request -> answer;
        return this;
    }

    /** Every request without a scripted answer is answered by {@code answer} (e.g. by path). */
    public synchronized WebhookReceiver answerAlways(Function<Received, Answer> answer) {
        defaultAnswer = answer;
        return this;
    }

    /** Everything received so far, in arrival order. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code patience}. */
    public List<Received> awaitRequests(int count, Duration patience) {
        return awaitUntil(requests -> requests.size() >= count, patience,
                "at least " + count + " request(s)");
    }

    /** Waits until the requests so far satisfy {@code condition}; fails after {@code patience}. */
    public synchronized List<Received> awaitUntil(Predicate<List<Received>> condition, Duration patience,
                                                  String description) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        try {
            while (!condition.test(List.copyOf(received))) {
                long left = giveUpAt - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("The webhook receiver did not get " + description + " within " + patience
                            + "; it got " + received.size() + ": " + summary());
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(received);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event id received so far, with how many times it arrived. */
    public synchronized Map<String, Integer> eventIdCounts() {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach(request -> request.eventIds().forEach(id -> counts.merge(id, 1, Integer::sum)));
        return counts;
    }

    private String summary() {
        StringBuilder text = new StringBuilder();
        received.forEach(request -> text.append("\n  ").append(request.method()).append(' ')
                .append(request.pathAndQuery()).append(' ').append(request.rawBody()));
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawBody;
            try (InputStream in = exchange.getRequestBody()) {
                rawBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode body;
            try {
                body = JSON.readTree(rawBody);
            } catch (IOException e) {
                body = JSON.missingNode();
            }
            String query = exchange.getRequestURI().getRawQuery();
            Received request = new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getProtocol(),
                    exchange.getRequestHeaders().getFirst("Upgrade"), body == null ? JSON.missingNode() : body,
                    rawBody, Instant.now(), System.nanoTime());
            Answer answer = record(request);
            if (!answer.hang().isZero()) {
                try {
                    Thread.sleep(answer.hang());
                } catch (InterruptedException e) {
                    return; // closing
                }
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException e) {
            // the sender gave up (e.g. after its timeout): nothing to answer
        }
    }

    private synchronized Answer record(Received request) {
        received.add(request);
        notifyAll();
        Answer next = scripted.poll();
        return next != null ? next : defaultAnswer.apply(request);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
