package concierge.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events (text/event-stream) on a GET route of their own. Until the stream starts, a
 * failure is answered like any API error (the same status, JSON body and Request-Id, by the
 * Router). Then every event is written and flushed within the write deadline: a client that stops
 * reading is cut off by it, as for any answer.
 *
 * <p>Plain streaming rather than Helidon's SseSink (helidon-webserver-sse): the framing is four
 * lines, and each write must happen under our write deadline on the request's own thread, where
 * the stream also waits for its events; SseSink would add a dependency and hide the writes.
 */
public final class EventStreams {

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final byte[] EMPTY_BODY = "{}".getBytes(StandardCharsets.UTF_8);

    /** Authenticates and checks a stream's request; throws as an operation does, answered as an API error. */
    @FunctionalInterface
    public interface Opening {
        EventStream open(Request request);
    }

    /** An open stream: it writes until it ends; closed after, however it ended. */
    public interface EventStream extends AutoCloseable {

        void run(Sink sink) throws InterruptedException;

        @Override
        void close();
    }

    /** What a stream writes: each call goes out at once, within the write deadline. */
    public interface Sink {

        void event(long id, String type, String data);

        /** An event without an id: the client's last event id stays what it was. */
        void event(String type, String data);

        void comment(String text);
    }

    private final Router router;
    private final Answers answers;
    private final long retryMillis;

    EventStreams(Router router, Answers answers, long retryMillis) {
        this.router = router;
        this.answers = answers;
        this.retryMillis = retryMillis;
    }

    /** Its observers are told of the stream as a request to {@code path} that lasted as long as the stream. */
    Handler handler(String path, Opening opening) {
        return router.exchanges(path, (request, response, exchange) -> handle(opening, request, response, exchange));
    }

    private void handle(Opening opening, ServerRequest request, ServerResponse response, Exchange exchange) {
        String requestId = exchange.requestId();
        EventStream stream;
        try {
            router.requireOpen();
            stream = opening.open(new Request(JsonFields.parse(EMPTY_BODY),
                    name -> request.headers().first(HeaderNames.create(name)),
                    Request.addressOf(request.remotePeer().address()), exchange.callerName()));
        } catch (Throwable failure) {
            router.answerFailure(failure, exchange, response);
            return;
        }
        try (stream) {
            response.status(Status.OK_200)
                    .header(HeaderNames.CONTENT_TYPE, EVENT_STREAM)
                    .header(HeaderNames.CACHE_CONTROL, "no-store")
                    .header(HeaderNames.create("X-Accel-Buffering"), "no")
                    // When the stream ends, so does its connection: nothing else is sent on it.
                    .header(HeaderValues.CONNECTION_CLOSE);
            OutputStream out = response.outputStream();
            Sink sink = new ResponseSink(response, out);
            write(response, out, "retry: " + retryMillis + "\n\n");
            stream.run(sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The stream ended (the server is stopping, the reader fell behind, the token was disabled):
        // the connection closes now (Helidon would wait for the client to close it), and the client
        // reconnects with Last-Event-ID.
        throw new CloseConnectionException("the event stream " + requestId + " ended");
    }

    private void write(ServerResponse response, OutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        answers.withinDeadline(response, () -> {
            out.write(bytes);
            out.flush();
        });
    }

    private final class ResponseSink implements Sink {

        private final OutputStream out;
        private final ServerResponse response;

        ResponseSink(ServerResponse response, OutputStream out) {
            this.response = response;
            this.out = out;
        }

        @Override
        public void event(long id, String type, String data) {
            // data is one line of JSON: JSON text has no raw line breaks.
            EventStreams.this.write(response, out, "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n");
        }

        @Override
        public void event(String type, String data) {
            EventStreams.this.write(response, out, "event: " + type + "\ndata: " + data + "\n\n");
        }

        @Override
        public void comment(String text) {
            EventStreams.this.write(response, out, ": " + text + "\n\n");
        }
    }
}
