package concierge.http;

import concierge.errors.InvalidRequestException;
import concierge.errors.PayloadTooLargeException;
import concierge.errors.RequestTimeoutException;
import concierge.errors.ServiceUnavailableException;
import concierge.deadline.Deadline;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request pipeline every path goes through: Request-Id, exact route lookup, then under the
 * request's deadline a bounded body read, JSON decode and the operation; then the JSON answer, or
 * one error answer from {@link ErrorResponses}; then its {@link RequestObserver} is told ({@link Exchange}).
 */
public final class Router {

    static final HeaderName REQUEST_ID = HeaderNames.create("Request-Id");
    private static final HeaderName PREFER = HeaderNames.create("Prefer");
    static final String JSON = "application/json; charset=utf-8";
    /** While the server is starting, any request gets 503 with a Retry-After of this many seconds. */
    static final long STARTING_RETRY_AFTER_SECONDS = 5;

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final ErrorResponses errors;
    private final long maxBodyBytes;
    private final Duration requestTimeout;
    private final BodyBudget bodies;
    private final Answers answers;
    private final RequestObserver observer;
    /**
     * Until start-up work is done every request is answered 503. Operations are registered before,
     * and the map is read only after this is set: the volatile write publishes it to every request.
     */
    private volatile boolean open;

    /** @param observer told of every request once it is answered */
    public Router(ErrorResponses errors, long maxBodyBytes, Duration requestTimeout, RequestObserver observer) {
        this(errors, maxBodyBytes, requestTimeout, BodyBudget.forHeap(Runtime.getRuntime().maxMemory(), maxBodyBytes),
                observer);
    }

    Router(ErrorResponses errors, long maxBodyBytes, Duration requestTimeout, BodyBudget bodies,
           RequestObserver observer) {
        this.errors = errors;
        this.observer = observer;
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeout = requestTimeout;
        this.bodies = bodies;
        // A client gets as long to take its answer as the server had to make it.
        this.answers = new Answers(requestTimeout);
    }

    /** A router with no operations yet, for another listener: same limits, and the same body budget. */
    public Router sharingLimits() {
        return new Router(errors, maxBodyBytes, requestTimeout, bodies, observer);
    }

    public Router post(String path, Operation operation) {
        if (operations.putIfAbsent(path, operation) != null) {
            throw new IllegalStateException("two operations at " + path);
        }
        return this;
    }

    /** Start-up is done: from now on requests reach the operations. */
    public void open() {
        open = true;
    }

    void requireOpen() {
        if (!open) {
            throw ServiceUnavailableException.starting(STARTING_RETRY_AFTER_SECONDS);
        }
    }

    /** The paths of the operations registered here, in the order they were registered. */
    public List<String> paths() {
        return List.copyOf(operations.keySet());
    }

    /** The Helidon handler for every method and path. */
    public void handle(ServerRequest request, ServerResponse response) {
        Exchange exchange = Exchange.begin(request, response);
        try {
            serve(request, response, exchange);
        } finally {
            exchange.end(response, observer);
        }
    }

    /**
     * A handler of another route (the inbox's files) that its observers are told of as {@code operation},
     * with a Request-Id like every answer of this router.
     */
    public Handler observed(String operation, Handler handler) {
        return exchanges(operation, (request, response, exchange) -> handler.handle(request, response));
    }

    /** What a route does with its request, knowing the exchange it is part of. */
    @FunctionalInterface
    interface Served {
        void serve(ServerRequest request, ServerResponse response, Exchange exchange) throws Exception;
    }

    Handler exchanges(String operation, Served served) {
        return (request, response) -> {
            Exchange exchange = Exchange.begin(request, response);
            exchange.routedTo(operation);
            try {
                served.serve(request, response, exchange);
            } finally {
                exchange.end(response, observer);
            }
        };
    }

    private void serve(ServerRequest request, ServerResponse response, Exchange exchange) {
        Reply reply;
        try (BodyBudget.Reservation body = bodies.open()) {
            requireOpen();
            String path = request.path().rawPath();
            Method method = request.prologue().method();
            Operation operation = operations.get(path);
            if (operation == null || !Method.POST.equals(method)) {
                throw new NotFoundException(method.text(), path);
            }
            exchange.routedTo(path);
            reply = Deadline.within(requestTimeout, () -> operation.handle(new Request(
                    readJson(request, response, body, exchange), name -> request.headers().first(HeaderNames.create(name)),
                    Request.addressOf(request.remotePeer().address()), exchange.callerName())));
        } catch (Throwable failure) {
            answerFailure(failure, exchange, response);
            return;
        }
        if (reply.isEmptyPage() && prefersMinimal(request)) {
            response.status(Status.NO_CONTENT_204).send();
            return;
        }
        try {
            exchange.answered(answers.json(response, reply.body()));
        } catch (CloseConnectionException e) {
            throw e;
        } catch (RuntimeException e) {
            answerFailure(e, exchange, response);
        }
    }

    /**
     * The Helidon handler of a Server-Sent Events route: its failures before the stream starts are
     * answered as this router answers them; the client is told to reconnect after {@code retryMillis}.
     */
    public Handler eventStream(String path, EventStreams.Opening opening, long retryMillis) {
        return new EventStreams(this, answers, retryMillis).handler(path, opening);
    }

    void answerFailure(Throwable failure, Exchange exchange, ServerResponse response) {
        ErrorResponses.Answer answer = errors.answer(failure, exchange.requestId());
        exchange.failed(answer.message());
        if (answer.retryAfterSeconds() != null) {
            response.header(HeaderNames.RETRY_AFTER, Long.toString(answer.retryAfterSeconds()));
        }
        response.status(Status.create(answer.status())).header(HeaderNames.CONTENT_TYPE, JSON);
        answers.bytes(response, answer.body());
        exchange.answered(BodyHead.of(answer.body()));
        if (response.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            // Helidon would otherwise wait for the client to close; this closes the socket now,
            // which also ends a body read still blocked on it.
            throw new CloseConnectionException("closed after " + answer.status() + " " + exchange.requestId());
        }
    }

    /**
     * Reads at most the body limit, within the shared {@link BodyBudget}: a larger declared or actual
     * body is refused before it is read whole. The body is read on a helper thread and waited for
     * only until the deadline: a client that stops sending (a blocked socket read notices nothing)
     * is answered 408 and disconnected. Whenever the body is refused before its end, the connection
     * is closed: what is left of it must not be read as the next request.
     */
    private JsonFields readJson(ServerRequest request, ServerResponse response, BodyBudget.Reservation budget,
                                Exchange exchange) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            // Closing the connection after the 413 keeps the server from reading the refused body.
            response.header(HeaderValues.CONNECTION_CLOSE);
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        InputStream in = request.content().inputStream();
        FutureTask<List<byte[]>> reading = new FutureTask<>(() -> readAll(in, budget));
        Thread.ofVirtual().name("request-body").start(reading);
        List<byte[]> parts;
        try {
            parts = reading.get(Deadline.nanosLeft(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The helper stays blocked until the connection is closed: handle() closes it after the 408.
            response.header(HeaderValues.CONNECTION_CLOSE);
            throw RequestTimeoutException.bodyNotReceived(Deadline.currentTimeoutSeconds());
        } catch (ExecutionException e) {
            response.header(HeaderValues.CONNECTION_CLOSE);
            if (e.getCause() instanceof BrokenBody) {
                throw InvalidRequestException.of("Invalid HTTP request: the body could not be read; with"
                        + " Transfer-Encoding: chunked, each chunk must start with its size in hexadecimal.");
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException("reading the request body failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reading.cancel(true);
            throw new IllegalStateException("interrupted while reading the request body", e);
        }
        exchange.bodyRead(parts);
        return JsonFields.parse(new SequenceInputStream(
                Collections.enumeration(parts.stream().map(ByteArrayInputStream::new).toList())));
    }

    /**
     * The body as the parts it arrived in (never copied into one array, which would need twice its
     * size while growing). Not closed here: closing an unfinished body stream reads on, and would
     * hold a 400 or 413 until more bytes arrive. A finished stream needs no closing, and a failed
     * request closes the connection.
     */
    private List<byte[]> readAll(InputStream in, BodyBudget.Reservation budget) {
        List<byte[]> parts = new ArrayList<>();
        long size = 0;
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = readChunk(in, chunk)) != -1) {
            size += read;
            if (size > maxBodyBytes) {
                throw new PayloadTooLargeException(maxBodyBytes);
            }
            budget.take(read);
            parts.add(Arrays.copyOf(chunk, read));
        }
        return parts;
    }

    /** The server's body stream fails on broken framing (a chunk size that is not hexadecimal) or transport. */
    private static int readChunk(InputStream in, byte[] chunk) {
        try {
            return in.read(chunk);
        } catch (IOException | RuntimeException e) {
            throw new BrokenBody(e);
        }
    }

    private static final class BrokenBody extends RuntimeException {
        BrokenBody(Exception cause) {
            super(cause);
        }
    }

    /** {@code Prefer: return=minimal}, possibly among other preferences. */
    private static boolean prefersMinimal(ServerRequest request) {
        return request.headers().first(PREFER)
                .map(value -> value.toLowerCase(Locale.ROOT).replace(" ", ""))
                .map(value -> value.matches("(^|.*[,;])return=minimal($|[,;].*)"))
                .orElse(false);
    }
}
