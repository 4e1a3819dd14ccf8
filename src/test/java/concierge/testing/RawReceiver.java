package concierge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A webhook receiver on a loopback socket that answers every request with what the test writes, for
 * answers an HTTP server library will not send: a NUL in the status line, a body that never comes, a
 * body that never ends. It counts requests and the sender's connections: how many are open now, the
 * most that were open at once, and how many the sender has closed.
 */
public final class RawReceiver implements AutoCloseable {

    /** What the receiver writes after it has read a request; it may block (an endless body). */
    @FunctionalInterface
    public interface Answer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Headers that promise a one-byte body, which never comes. */
    public static final Answer BODY_NEVER_SENT = text("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n");

    /** These characters, one byte each (ISO-8859-1), e.g. a status line with a NUL in it. */
    public static Answer text(String answer) {
        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
        return out -> out.write(bytes);
    }

    /** {@code 200} with a chunked body that goes on until the sender closes the connection. */
    public static Answer endlessBody() {
        byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return out -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            while (true) {
                out.write(chunk);
            }
        };
    }

    private final ServerSocket server;
    private final Answer answer;
    private final Set<Socket> connections = new HashSet<>();
    private int requests;
    private int maxOpen;
    private int closed;

    private RawReceiver(ServerSocket server, Answer answer) {
        this.server = server;
        this.answer = answer;
        Thread.ofVirtual().name("raw-receiver-accept").start(this::accept);
    }

    public static RawReceiver start(Answer answer) {
        try {
            return new RawReceiver(new ServerSocket(0, 1000, InetAddress.getLoopbackAddress()), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getLocalPort() + pathAndQuery;
    }

    public synchronized int requests() {
        return requests;
    }

    /** The most connections the sender had open to this receiver at one time. */
    public synchronized int maxOpenConnections() {
        return maxOpen;
    }

    public synchronized int closedConnections() {
        return closed;
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code patience}. */
    public void awaitRequests(int count, Duration patience) {
        await(() -> requests >= count, patience, "at least " + count + " request(s)");
    }

    /** Waits until the sender has closed at least {@code count} connections; fails after {@code patience}. */
    public void awaitClosedConnections(int count, Duration patience) {
        await(() -> closed >= count, patience, "at least " + count + " connection(s) closed by the sender");
    }

    private synchronized void await(BooleanSupplier condition, Duration patience, String description) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long left = giveUpAt - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("The raw receiver did not see " + description + " within " + patience
                            + "; requests " + requests + ", open connections " + connections.size()
                            + ", closed " + closed);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (this) {
                    connections.add(socket);
                    maxOpen = Math.max(maxOpen, connections.size());
                }
                Thread.ofVirtual().name("raw-receiver-connection").start(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** Reads requests and answers each until the sender closes the connection (or stops reading). */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                synchronized (this) {
                    requests++;
                    notifyAll();
                }
                answer.writeTo(out);
                out.flush();
            }
        } catch (IOException e) {
            // the sender closed the connection while we wrote or read
        } finally {
            synchronized (this) {
                connections.remove(socket);
                closed++;
                notifyAll();
            }
        }
    }

    /** Reads one request's head and its Content-Length body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b == -1) {
                return false;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        in.skipNBytes(length);
        return true;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        synchronized (this) {
            for (Socket socket : connections) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }
}
