package concierge.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSTs the General Webhook payload {@code {"EnterpriseId","IntegrationId","Events":[…]}}. The
 * receiver must answer 2xx within the timeout; 307 and 308 are followed with the same method and
 * body (up to 5 hops); any other answer, an error or a timeout is a failed attempt.
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
        String target = url;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Outcome.ok();
                }
                if ((status == 307 || status == 308) && response.headers().firstValue("Location").isPresent()) {
                    target = URI.create(target).resolve(response.headers().firstValue("Location").get()).toString();
                    continue;
                }
                return Outcome.failed("HTTP " + status + " from " + redacted(target));
            }
            return Outcome.failed("more than " + MAX_REDIRECTS + " redirects from " + redacted(url));
        } catch (HttpTimeoutException e) {
            return Outcome.failed("no answer within " + timeout.toSeconds() + " s from " + redacted(target));
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.failed(e.getClass().getSimpleName() + " from " + redacted(target) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
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
