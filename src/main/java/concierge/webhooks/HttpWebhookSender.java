package concierge.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs the General Webhook payload {@code {"EnterpriseId","IntegrationId","Events":[…]}}. The
 * receiver must answer 2xx, status line, headers and body, within the timeout: one deadline covers
 * the whole attempt (connecting, sending, the answer, redirects included), and at the deadline the
 * connection is closed. 307 and 308 are followed with the same method and body (up to 5 hops), but
 * only within the origin (scheme, host and port) of the registered URL. Any other answer, an error
 * or the deadline is a failed attempt.
 */
public final class HttpWebhookSender implements WebhookSender {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final Duration timeout;

    public HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no "Upgrade: h2c" offer on cleartext URLs, which strict receivers refuse.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Outcome send(String url, WebhookBatch batch) {
        byte[] body = payload(batch);
        String sent = new String(body, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        String target = url;
        OptionalInt lastStatus = OptionalInt.empty();
        try {
            Origin registered = Origin.of(URI.create(url));
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpResponse<Void> response = exchange(URI.create(target), body, deadline);
                int status = response.statusCode();
                lastStatus = OptionalInt.of(status);
                if (status >= 200 && status < 300) {
                    return Outcome.ok(status, sent);
                }
                if ((status == 307 || status == 308) && response.headers().firstValue("Location").isPresent()) {
                    String next = URI.create(target).resolve(response.headers().firstValue("Location").get()).toString();
                    if (!Origin.of(URI.create(next)).equals(registered)) {
                        // Else any receiver could make Concierge POST to hosts only it can reach (its own admin API).
                        return Outcome.failed("redirect to another origin refused: HTTP " + status + " from "
                                + redacted(target) + " to " + redacted(next)
                                + " (only the registered URL's scheme, host and port are followed)", lastStatus, sent);
                    }
                    target = next;
                    continue;
                }
                return Outcome.failed("HTTP " + status + " from " + redacted(target), lastStatus, sent);
            }
            return Outcome.failed("more than " + MAX_REDIRECTS + " redirects from " + redacted(url), lastStatus, sent);
        } catch (TimeoutException | HttpTimeoutException e) {
            return Outcome.failed("no complete answer within " + timeout.toSeconds() + " s from " + redacted(target),
                    lastStatus, sent);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.failed(e.getClass().getSimpleName() + " from " + redacted(target) + ": " + e.getMessage(),
                    lastStatus, sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted", lastStatus, sent);
        }
    }

    /** One request and its whole answer, by the deadline; past it the exchange is abandoned. */
    private HttpResponse<Void> exchange(URI target, byte[] body, long deadline)
            throws IOException, InterruptedException, TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofNanos(left))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // The request timeout ends with the answer's headers; waiting on the future bounds the body too.
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, info -> new BoundedDiscard());
        try {
            return answer.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        } finally {
            // Nothing once the answer is complete; otherwise this aborts the exchange and closes its connection.
            answer.cancel(true);
        }
    }

    /**
     * Reads and drops an answer's body, at most {@link #MAX_ANSWER_BODY_BYTES} of it: past that it
     * stops reading (the connection is closed) and the status decides.
     */
    private static final class BoundedDiscard implements HttpResponse.BodySubscriber<Void> {

        /** Receivers answer with a short acknowledgement; reading more would only cost us time and bandwidth. */
        static final int MAX_ANSWER_BODY_BYTES = 64 * 1024;

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long read;

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                read += buffer.remaining();
            }
            if (read > MAX_ANSWER_BODY_BYTES && done.complete(null)) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    /** Where a redirect may lead: the registered URL's scheme, host and port (default ports filled in). */
    private record Origin(String scheme, String host, int port) {

        static Origin of(URI uri) {
            String scheme = lowerCase(uri.getScheme());
            int port = uri.getPort() >= 0 ? uri.getPort() : Objects.equals(scheme, "https") ? 443 : 80;
            return new Origin(scheme, lowerCase(uri.getHost()), port);
        }

        private static String lowerCase(String text) {
            return text == null ? null : text.toLowerCase(Locale.ROOT);
        }
    }

    static byte[] payload(WebhookBatch batch) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("EnterpriseId", batch.enterpriseId().toString());
        payload.put("IntegrationId", batch.integrationId().toString());
        List<Map<String, Object>> events = batch.messageIds().stream()
                .map(id -> Map.<String, Object>of("Discriminator", "MessageAdded", "Value", Map.of("Id", id.toString())))
                .toList();
        payload.put("Events", events);
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payload of strings is always serialisable", e);
        }
    }

    /**
     * The URL may carry a shared secret (as in the reference API): errors name only scheme, host and
     * path. The path stays percent-encoded, as it was sent: a decoded {@code %00} would be a NUL.
     */
    private static String redacted(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }
}
