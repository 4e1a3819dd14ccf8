package concierge.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The writer's promises to a request: it never blocks it or fails it, and what it cannot keep is counted. */
class RequestLogWriterTest {

    private static final RequestLogWriter.Retention KEEP_ALL = new RequestLogWriter.Retention(Duration.ofDays(7), 1_000_000);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aQueuedRequestIsWrittenByTheNextRound() {
        RecordingStore store = new RecordingStore();
        RequestLogWriter log = new RequestLogWriter(store, KEEP_ALL, CLOCK);
        LoggedRequest request = request("{}");

        log.record(request);
        log.writeRound();

        assertThat(store.added).containsExactly(request);
        assertThat(log.counts()).isEqualTo(new RequestLogWriter.Counts(1, 0, 0));
    }

    @Test
    void aFailingStoreNeverFailsTheRequestAndTheBatchIsCountedAndDropped() {
        RequestLogWriter log = new RequestLogWriter(new FailingStore(), KEEP_ALL, CLOCK);

        assertThatCode(() -> {
            log.record(request("{}"));
            log.record(request("{}"));
            log.writeRound();
        }).doesNotThrowAnyException();

        assertThat(log.counts()).isEqualTo(new RequestLogWriter.Counts(0, 0, 2));
        assertThat(log.writeRound()).as("nothing left to write").isFalse();
    }

    @Test
    void aFloodBeyondTheQueueIsDroppedAndCounted() {
        RecordingStore store = new RecordingStore();
        RequestLogWriter log = new RequestLogWriter(store, KEEP_ALL, CLOCK);
        int flood = RequestLogWriter.MAX_QUEUED + 500;

        for (int i = 0; i < flood; i++) {
            log.record(request("{}"));
        }

        assertThat(log.counts().droppedQueueFull()).isEqualTo(500);
        while (log.writeRound()) {
            // writes the queue in batches
        }
        assertThat(store.added).hasSize(RequestLogWriter.MAX_QUEUED);
    }

    @Test
    void largeBodiesFillTheQueueByTheirSizeNotOnlyByTheirCount() {
        RequestLogWriter log = new RequestLogWriter(new RecordingStore(), KEEP_ALL, CLOCK);
        String body = "x".repeat(RequestLogWriter.MAX_BODY_CHARS);
        int fitting = (int) (RequestLogWriter.MAX_QUEUED_CHARS / (2L * body.length()));

        for (int i = 0; i < fitting + 10; i++) {
            log.record(new LoggedRequest(UUID.randomUUID(), CLOCK.instant(), "messages/add", 200, 1000,
                    Optional.empty(), Optional.empty(), Optional.empty(), body, body));
        }

        assertThat(fitting).isLessThan(RequestLogWriter.MAX_QUEUED);
        assertThat(log.counts().droppedQueueFull()).isEqualTo(10);
    }

    @Test
    void aStoreThatHangsDoesNotHoldUpRecording() throws Exception {
        HangingStore store = new HangingStore();
        RequestLogWriter log = new RequestLogWriter(store, KEEP_ALL, CLOCK).start();
        try {
            log.record(request("{}"));
            store.entered.await();
            for (int i = 0; i < RequestLogWriter.MAX_QUEUED + 1; i++) {
                log.record(request("{}"));
            }
            assertThat(log.counts().droppedQueueFull()).isEqualTo(1);
        } finally {
            store.release.countDown();
            log.close();
        }
    }

    @Test
    void aNulCharacterIsStoredAsAReplacementCharacter() {
        RecordingStore store = new RecordingStore();
        RequestLogWriter log = new RequestLogWriter(store, KEEP_ALL, CLOCK);

        log.record(request("{\"Text\":\"a\u0000b\"}"));
        log.writeRound();

        assertThat(store.added.getFirst().requestBody()).isEqualTo("{\"Text\":\"a\uFFFDb\"}");
    }

    private static LoggedRequest request(String body) {
        return new LoggedRequest(UUID.randomUUID(), CLOCK.instant(), "messageThreads/getAll", 200, 1234,
                Optional.empty(), Optional.empty(), Optional.empty(), body, "{}");
    }

    private static class RecordingStore extends DiscardingRequestLogStore {
        final List<LoggedRequest> added = new ArrayList<>();

        @Override
        public void add(List<LoggedRequest> requests) {
            added.addAll(requests);
        }
    }

    private static final class FailingStore extends RecordingStore {
        @Override
        public void add(List<LoggedRequest> requests) {
            throw new IllegalStateException("the database is down");
        }
    }

    private static final class HangingStore extends RecordingStore {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void add(List<LoggedRequest> requests) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
