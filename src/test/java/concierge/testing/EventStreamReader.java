package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Server-Sent Events client over a plain socket, as the inbox page reads the stream: GET with the
 * staff token as bearer (and a Last-Event-ID when given), then events and comments as they come.
 * Every read has a deadline; {@link #next} fails the test when no event comes in time.
 */
public final class EventStreamReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event; {@code id} is null when the event had none ({@code reset}). */
    public record Event(String id, String type, String data) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        public long numericId() {
            return Long.parseLong(id);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final List<String> comments = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final List<String> preamble = new ArrayList<>();
    private InputStream body;
    private boolean ended;

    private EventStreamReader(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /** Opens the stream with {@code Authorization: Bearer <staffToken>} and the extra headers, names and values. */
    public static EventStreamReader open(int port, String staffToken, String... headerNamesAndValues) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + staffToken));
        headers.addAll(List.of(headerNamesAndValues));
        return openWith(port, headers.toArray(String[]::new));
    }

    /** Opens the stream with exactly these headers (names and values). */
    public static EventStreamReader openWith(int port, String... headerNamesAndValues) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + ApiPaths.Staff.EVENTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n");
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                request.append(headerNamesAndValues[i]).append(": ").append(headerNamesAndValues[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = RawHttp.readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = RawHttp.readLine(in); !header.isEmpty(); header = RawHttp.readLine(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
            EventStreamReader reader = new EventStreamReader(socket, in, status, headers);
            reader.body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(in) : in;
            return reader;
        } catch (IOException e) {
            throw new AssertionError("could not open the event stream", e);
        }
    }

    public int status() {
        return status;
    }

    /** A header of the answer; names are lower case. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The answer as an API answer, for one that is not a stream (an error): {@code assertThat(reader.answer())}. */
    public RawHttp.Response answer() {
        assertThat(status).as("an error answer, not a stream").isNotEqualTo(200);
        try {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String length = headers.get("content-length");
            if (length != null) {
                bytes.write(in.readNBytes(Integer.parseInt(length)));
            } else {
                body.transferTo(bytes);
            }
            return new RawHttp.Response(status, headers, bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not read the error answer", e);
        }
    }

    /** The next event, within {@code deadline}; fails the test without one. */
    public Event next(Duration deadline) {
        Event event = nextOrNone(deadline).orElseThrow(() -> new AssertionError(
                "no event within " + deadline.toMillis() + " ms" + (ended ? " (the stream ended)" : "")));
        if (event.id() != null) {
            lastId = event.numericId();
        }
        return event;
    }

    /** The id of the last event {@link #next} returned that had one: what a client sends as Last-Event-ID. */
    public long numericIdOfLast() {
        assertThat(lastId).as("an event with an id was read").isNotNull();
        return lastId;
    }

    private Long lastId;

    /** The next event, or none when none came within {@code wait} or the stream ended. */
    public Optional<Event> nextOrNone(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (!ended) {
                String line = lineWithin(until);
                if (line == null) {
                    return Optional.empty();
                }
                if (line.isEmpty()) {
                    Optional<Event> event = dispatch();
                    if (event.isPresent()) {
                        return event;
                    }
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    fields.add(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            ended = true;
            return Optional.empty();
        }
    }

    /** Whether the server ends the stream within {@code deadline} (events until then are read and dropped). */
    public boolean endsWithin(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!ended && System.nanoTime() < until) {
            nextOrNone(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
        }
        return ended;
    }

    /** The comment lines read so far (": keep-alive" gives "keep-alive"). */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The fields read so far that were not part of an event: the {@code retry:} line. */
    public List<String> preamble() {
        return List.copyOf(preamble);
    }

    private Optional<Event> dispatch() {
        String id = null;
        String type = "message";
        StringBuilder data = null;
        for (String field : fields) {
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            String value = colon < 0 ? "" : field.substring(colon + 1).replaceFirst("^ ", "");
            switch (name) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> preamble.add(field);
            }
        }
        fields.clear();
        return data == null ? Optional.empty() : Optional.of(new Event(id, type, data.toString()));
    }

    /** A line of the body, or null when none is complete by {@code until}. */
    private String lineWithin(long until) throws IOException {
        ByteArrayOutputStream line = pending;
        pending = new ByteArrayOutputStream();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                pending = line;
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            int b;
            try {
                b = body.read();
            } catch (SocketTimeoutException e) {
                pending = line;
                return null;
            }
            if (b == -1) {
                ended = true;
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** What was read of a line when a wait ran out: the next read goes on with it. */
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    /** HTTP/1.1 chunked framing, decoded. */
    private static final class Chunked extends InputStream {

        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = RawHttp.readLine(in);
                if (size.isEmpty()) {
                    size = RawHttp.readLine(in); // the CRLF after the previous chunk's data
                }
                if (size.isEmpty()) {
                    done = true; // the connection closed without the last chunk: the stream ended all the same
                    return -1;
                }
                left = Long.parseLong(size.split(";")[0].strip(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                done = true;
                return -1;
            }
            left--;
            return b;
        }
    }
}
