package concierge.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes answers within a write deadline. A small answer goes out whole with a Content-Length; a
 * large one (a page of long texts full of characters JSON escapes can be 60 MB) is streamed as it
 * is encoded, so no answer is ever held in memory whole. A client that stops reading is cut off at
 * the deadline: the writing thread is interrupted, which closes a socket blocked in a write.
 */
final class Answers {

    /** Answers up to this size are sent with a Content-Length; larger ones are streamed (chunked). */
    static final int BUFFERED_BYTES = 64 * 1024;

    /** One daemon thread fires every write deadline of the process; it only interrupts. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Duration writeTimeout;

    Answers(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    /** Status 200 with {@code body} as JSON; returns what was sent, or its first bytes when it was streamed. */
    BodyHead json(ServerResponse response, Object body) {
        Spilling out = new Spilling(response);
        withinDeadline(response, () -> {
            response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, Router.JSON);
            Json.MAPPER.writeValue(out, body);
            out.finish();
        });
        return out.head();
    }

    /** {@code body} as it is, with the status set on {@code response} already. */
    void bytes(ServerResponse response, byte[] body) {
        withinDeadline(response, () -> response.send(body));
    }

    interface Write {
        void run() throws IOException;
    }

    void withinDeadline(ServerResponse response, Write write) {
        Thread writer = Thread.currentThread();
        AtomicBoolean over = new AtomicBoolean();
        ScheduledFuture<?> cut = DEADLINES.schedule(() -> {
            if (over.compareAndSet(false, true)) {
                writer.interrupt();
            }
        }, writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        Throwable failure = null;
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            if (!over.compareAndSet(false, true)) {
                Thread.interrupted(); // the deadline fired: the interrupt is ours, not the server's
                throw new CloseConnectionException("the client did not take the answer within "
                        + writeTimeout.toSeconds() + " s");
            }
            cut.cancel(false);
        }
        if (failure instanceof RuntimeException unsent && !response.isSent()) {
            throw unsent; // nothing went out: the caller can still answer with an error
        }
        if (failure != null) {
            // Part of the answer may be on the wire: nothing else can be said on this connection.
            throw new CloseConnectionException("writing the answer failed: " + failure, failure);
        }
    }

    /**
     * Holds the first {@link #BUFFERED_BYTES}; if the answer ends within them it is sent whole, with
     * a Content-Length, otherwise it goes on to the response's stream. Only {@link #finish} sends:
     * Jackson also closes its target when encoding fails, and half an answer must not go out as 200.
     */
    private static final class Spilling extends OutputStream {

        private final ServerResponse response;
        private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        private OutputStream stream;
        private byte[] head = new byte[0];
        private long size;

        Spilling(ServerResponse response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            size += length;
            if (stream == null && buffer.size() + length <= BUFFERED_BYTES) {
                buffer.write(bytes, offset, length);
                return;
            }
            if (stream == null) {
                stream = response.outputStream();
                head = buffer.toByteArray();
                stream.write(head);
                buffer = null;
            }
            stream.write(bytes, offset, length);
        }

        @Override
        public void close() {
        }

        /** The whole answer when it was sent at once, else the bytes held before it spilled. */
        BodyHead head() {
            return new BodyHead(head, Math.min(head.length, LoggedBodies.PREFIX_BYTES), size);
        }

        void finish() throws IOException {
            if (stream == null) {
                head = buffer.toByteArray();
                response.send(head);
            } else {
                stream.close();
            }
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "answer-write-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every deadline is cancelled: remove them at once instead of at their time.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
