package concierge.events;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.EventStreamReader;
import concierge.testing.OnH2;
import concierge.testing.Tenants.Integration;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless staff client can do to the event stream: open many, never read, keep
 * one open after its token was disabled. None of it holds more than its bounds, and no other
 * stream is slowed. (Engine-independent: the streams are in memory; the store is tested on both.)
 */
@Tag("slow")
class StaffEventStreamLimitsTest extends OnH2 {

    private static final Duration SOON = StaffEventStreamTest.SOON;
    /** The keep-alive interval and then some. */
    private static final Duration KEEP_ALIVE_AND_MORE = Duration.ofSeconds(25);
    /** 80 bursts of 100 messages of 1,000 characters: 8 MB, more than loopback socket buffers hold. */
    private static final int BURSTS = 80;

    @Test
    void oneTokenHasAtMostTenStreamsOpenThenTooManyRequestsWithRetryAfter() {
        String staffToken = tenants.staffToken(tenants.enterprise());
        List<EventStreamReader> open = new ArrayList<>();
        try {
            for (int i = 0; i < StaffEventFeed.MAX_STREAMS_PER_TOKEN; i++) {
                open.add(EventStreamReader.open(server().port(), staffToken));
                assertThat(open.getLast().status()).isEqualTo(200);
            }
            try (EventStreamReader another = EventStreamReader.open(server().port(), staffToken);
                 EventStreamReader otherToken = EventStreamReader.open(server().port(),
                         tenants.staffToken(tenants.enterprise()))) {
                assertThat(another.answer()).isError(429);
                assertThat(another.header("Retry-After")).isEqualTo("5");
                assertThat(otherToken.status()).as("another token is not held up").isEqualTo(200);
            }
        } finally {
            open.forEach(EventStreamReader::close);
        }
    }

    @Test
    void aReaderThatNeverReadsIsEndedInsteadOfBufferedAndOthersGetEverything() throws Exception {
        Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        String threadId = tenants.addThread(app).path("Id").asText();
        int healthyMessages = 0;
        try (Socket stalled = new Socket();
             EventStreamReader healthy = EventStreamReader.open(server().port(), staffToken)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server().port()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + Staff.EVENTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + staffToken
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Bursts a healthy reader takes (each under its buffer), until the stalled one's socket is long full.
            String text = String.join("", Collections.nCopies(100, "ten chars."));
            int sent = 0;
            for (int request = 0; request < BURSTS; request++) {
                String[] texts = Collections.nCopies(100, text).toArray(String[]::new);
                sent += tenants.addMessages(app, threadId, texts).size();
                int received = 0;
                while (received < texts.length) {
                    if (healthy.next(SOON).type().equals("message")) {
                        received++;
                    }
                }
                healthyMessages += received;
            }
            int stalledBytes = 0;
            stalled.setSoTimeout((int) SOON.toMillis());
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                stalledBytes += read;
            }

            assertThat(healthyMessages).isEqualTo(sent);
            // What was sent is over 8 MB of events: the stalled stream ended long before (and read() saw its end).
            assertThat(stalledBytes).isLessThan(sent * text.length() / 2);
        }
    }

    @Test
    void anIdleStreamGetsKeepAlivesAndEndsOnceItsTokenIsDisabledWhichIsThenRefused() {
        ApiResponse issued = tenants.api().admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId",
                tenants.enterprise().toString()));
        assertThat(issued).isOk();
        String staffToken = issued.json().path("StaffToken").asText();
        try (EventStreamReader stream = EventStreamReader.open(server().port(), staffToken)) {
            Optional<EventStreamReader.Event> none = stream.nextOrNone(Duration.ofSeconds(16));
            assertThat(none).isEmpty();
            assertThat(stream.comments()).contains("keep-alive");

            assertThat(tenants.api().admin(Admin.STAFF_TOKENS_DISABLE,
                    Map.of("StaffTokenIds", List.of(issued.json().path("Id").asText())))).isOk();

            assertThat(stream.endsWithin(KEEP_ALIVE_AND_MORE)).isTrue();
        }
        try (EventStreamReader again = EventStreamReader.open(server().port(), staffToken)) {
            assertThat(again.answer()).isUnauthorized();
        }
    }
}
