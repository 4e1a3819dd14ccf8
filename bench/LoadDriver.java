import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A closed-loop HTTP/1.1 load generator for Concierge: N virtual threads, each with its own
 * keep-alive connection, send one request, wait for the answer, record its latency, repeat. Plain
 * sockets keep the driver's own CPU cost low (it shares the machine with the server).
 *
 * <pre>
 * java bench/LoadDriver.java run --port P --workload DIR/workload.txt --scenario threads_interval \
 *      --concurrency 16 --seconds 10 --warmup 3 --pid SERVER_PID --label pg-10k --csv results.csv
 * java bench/LoadDriver.java ready --port P --since-ms EPOCH_MS --timeout 60   (prints ms to first answer)
 * java bench/LoadDriver.java pgbench --logs PREFIX --seconds 10 --scenario S --concurrency C --label L --csv F
 * </pre>
 */
public class LoadDriver {

    static final String CLIENT = "Concierge bench 1.0";
    static final String HEADER = "scenario,concurrency,label,seconds,requests,errors,rps,items_per_s,p50_ms,p99_ms,"
            + "p999_ms,max_ms,server_cpu_cores,machine_cpu_pct,server_rss_mb,load1,source";
    static final long MONTH = 30L * 86_400;

    record Tenant(String clientToken, String accessToken, String clientId, String enterpriseId, List<String> threadIds) {
        String credentials() {
            return "\"ClientToken\":\"" + clientToken + "\",\"AccessToken\":\"" + accessToken + "\",\"Client\":\"" + CLIENT + "\"";
        }
    }

    record Deep(Tenant tenant, long windowStart, long windowEnd, String cursorPage1000) {
    }

    /** The wide owner (DataGen --wide-threads): many threads whose messages interleave in time. */
    record Wide(Tenant tenant, String cursorPage101, List<String> threadIds) {
    }

    record Workload(long spanStart, long spanEnd, List<Tenant> tenants, Deep deep, Wide wide) {
        static Workload read(Path file) throws IOException {
            long s0 = 0;
            long s1 = 0;
            List<Tenant> tenants = new ArrayList<>();
            Deep deep = null;
            Wide wide = null;
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "span" -> {
                        s0 = Long.parseLong(f[1]);
                        s1 = Long.parseLong(f[2]);
                    }
                    case "tenant" -> tenants.add(new Tenant(f[1], f[2], f[3], f[4], List.of(f[7].split(","))));
                    case "deep" -> deep = new Deep(new Tenant(f[1], f[2], f[3], f[4], List.of()),
                            Long.parseLong(f[6]), Long.parseLong(f[7]), f[8]);
                    case "wide" -> wide = new Wide(new Tenant(f[1], f[2], f[3], f[4], List.of()), f[6],
                            List.of(f[7].split(",")));
                    default -> {
                    }
                }
            }
            return new Workload(s0, s1, tenants, deep, wide);
        }
    }

    /** A request to send: the path, the JSON body, and how many items it carries (messages/add). */
    record Call(String path, byte[] body) {
    }

    static final String CONNECTOR = "/api/connector/v1/";

    static Function<ThreadLocalRandom, Call> scenario(String name, Workload w) {
        List<Tenant> tenants = w.tenants();
        return switch (name) {
            case "noop" -> r -> new Call("/api/bench/v1/noop", "{}".getBytes(StandardCharsets.UTF_8));
            case "threads_interval" -> r -> {
                Tenant t = tenants.get(r.nextInt(tenants.size()));
                long s = r.nextLong(w.spanStart(), w.spanEnd() - MONTH + 1);
                return call("messageThreads/getAll", "{" + t.credentials() + ",\"CreatedUtc\":{\"StartUtc\":\""
                        + Instant.ofEpochSecond(s) + "\",\"EndUtc\":\"" + Instant.ofEpochSecond(s + MONTH)
                        + "\"},\"Limitation\":{\"Count\":100}}");
            };
            case "threads_ids" -> {
                List<byte[]> bodies = tenants.stream().map(t -> bytes("{" + t.credentials() + ",\"MessageThreadIds\":["
                        + String.join(",", t.threadIds().stream().map(id -> "\"" + id + "\"").toList())
                        + "],\"Limitation\":{\"Count\":100}}")).toList();
                yield r -> new Call(CONNECTOR + "messageThreads/getAll", bodies.get(r.nextInt(bodies.size())));
            }
            case "walk_p1", "walk_p1000" -> {
                Deep d = w.deep();
                byte[] body = bytes("{" + d.tenant().credentials() + ",\"CreatedUtc\":{\"StartUtc\":\""
                        + Instant.ofEpochSecond(d.windowStart()) + "\",\"EndUtc\":\"" + Instant.ofEpochSecond(d.windowEnd())
                        + "\"},\"Limitation\":{" + (name.equals("walk_p1000") ? "\"Cursor\":\"" + d.cursorPage1000() + "\"," : "")
                        + "\"Count\":10}}");
                yield r -> new Call(CONNECTOR + "messageThreads/getAll", body);
            }
            case "messages_getall" -> {
                List<byte[]> bodies = tenants.stream().map(t -> bytes("{" + t.credentials() + ",\"MessageThreadIds\":[\""
                        + t.threadIds().getFirst() + "\"],\"Limitation\":{\"Count\":100}}")).toList();
                yield r -> new Call(CONNECTOR + "messages/getAll", bodies.get(r.nextInt(bodies.size())));
            }
            case "messages_wide_1", "messages_wide_all", "messages_wide_all_p101", "messages_wide_all_count1000" -> {
                Wide wide = w.wide();
                if (wide == null) {
                    throw new IllegalArgumentException(name + " needs a wide owner (bench/run --wide-threads N)");
                }
                List<String> ids = name.equals("messages_wide_1") ? wide.threadIds().subList(0, 1) : wide.threadIds();
                byte[] body = bytes("{" + wide.tenant().credentials() + ",\"MessageThreadIds\":["
                        + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "],\"Limitation\":{"
                        + (name.equals("messages_wide_all_p101") ? "\"Cursor\":\"" + wide.cursorPage101() + "\"," : "")
                        + "\"Count\":" + (name.equals("messages_wide_all_count1000") ? 1000 : 100) + "}}");
                yield r -> new Call(CONNECTOR + "messages/getAll", body);
            }
            case "threads_add" -> {
                List<byte[]> bodies = tenants.stream().map(t -> bytes("{" + t.credentials()
                        + ",\"OriginalSender\":\"Bench Guest\",\"Subject\":\"Late check-in\"}")).toList();
                yield r -> new Call(CONNECTOR + "messageThreads/add", bodies.get(r.nextInt(bodies.size())));
            }
            case "messages_add_1", "messages_add_1000" -> {
                int items = name.equals("messages_add_1") ? 1 : 1000;
                List<byte[]> bodies = tenants.stream().map(t -> {
                    StringBuilder b = new StringBuilder("{").append(t.credentials()).append(",\"Messages\":[");
                    for (int i = 0; i < items; i++) {
                        b.append(i == 0 ? "" : ",").append("{\"MessageThreadId\":\"").append(t.threadIds().getFirst())
                                .append("\",\"Text\":\"Could we get a late check-out tomorrow, around 2 pm?\",\"Identifier\":\"bench-")
                                .append(i + 1).append("\"}");
                    }
                    return bytes(b.append("]}").toString());
                }).toList();
                yield r -> new Call(CONNECTOR + "messages/add", bodies.get(r.nextInt(bodies.size())));
            }
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    static int itemsPerRequest(String scenario) {
        return scenario.equals("messages_add_1000") ? 1000 : 1;
    }

    static Call call(String operation, String body) {
        return new Call(CONNECTOR + operation, bytes(body));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ HTTP over a plain socket

    static final class Connection implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        final byte[] line = new byte[8192];
        String lastBody;

        Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
        }

        /** Sends one request and reads the whole answer; returns the status. */
        int exchange(Call call, boolean keepBody) throws IOException {
            String head = "POST " + call.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + call.body().length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(call.body());
            out.flush();
            String status = readLine();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String header;
            while ((header = readLine()) != null && !header.isEmpty()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            java.io.ByteArrayOutputStream body = keepBody ? new java.io.ByteArrayOutputStream() : null;
            if (chunked) {
                while (true) {
                    long size = Long.parseLong(readLine().trim().split(";")[0], 16);
                    skip(size, body);
                    readLine();
                    if (size == 0) {
                        break;
                    }
                }
            } else if (length > 0) {
                skip(length, body);
            }
            lastBody = keepBody ? body.toString(StandardCharsets.UTF_8) : null;
            return code;
        }

        private void skip(long n, java.io.ByteArrayOutputStream keep) throws IOException {
            byte[] buffer = new byte[8192];
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new IOException("connection closed in a body");
                }
                if (keep != null) {
                    keep.write(buffer, 0, read);
                }
                n -= read;
            }
        }

        private String readLine() throws IOException {
            int n = 0;
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    return new String(line, 0, end, StandardCharsets.US_ASCII);
                }
                if (n < line.length) {
                    line[n++] = (byte) c;
                }
            }
            return n == 0 ? null : new String(line, 0, n, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ------------------------------------------------------------------ run

    static final class Samples {
        long[] values = new long[1 << 14];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (mode) {
            case "run" -> run(o);
            case "ready" -> ready(o);
            case "pgbench" -> pgbench(o);
            case "probe" -> probe(o);
            default -> throw new IllegalArgumentException("mode: run | ready | pgbench | probe");
        }
    }

    /** Sends one request of the scenario and prints the answer: for debugging a workload. */
    static void probe(java.util.Map<String, String> o) throws Exception {
        Workload w = Workload.read(Path.of(o.get("workload")));
        Call call = scenario(o.get("scenario"), w).apply(ThreadLocalRandom.current());
        try (Connection c = new Connection(Integer.parseInt(o.get("port")))) {
            int status = c.exchange(call, true);
            String body = c.lastBody;
            System.out.println(status + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
            if (status != 200) {
                System.exit(1);
            }
        }
    }

    static void run(java.util.Map<String, String> o) throws Exception {
        int port = Integer.parseInt(o.get("port"));
        String name = o.get("scenario");
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup", "3"));
        long pid = Long.parseLong(o.getOrDefault("pid", "0"));
        Workload w = Workload.read(Path.of(o.get("workload")));
        Function<ThreadLocalRandom, Call> next = scenario(name, w);

        long startAt = System.nanoTime();
        long measureFrom = startAt + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (seconds * 1e9);
        Samples[] samples = new Samples[concurrency];
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int k = 0; k < concurrency; k++) {
            Samples mine = samples[k] = new Samples();
            workers.add(Thread.ofVirtual().name("load-" + k).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                Connection c = null;
                try {
                    c = new Connection(port);
                    long now;
                    while ((now = System.nanoTime()) < measureTo) {
                        Call call = next.apply(random);
                        long t0 = System.nanoTime();
                        int status = c.exchange(call, false);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            if (status == 200) {
                                mine.add(t1 - t0);
                            } else {
                                errors.incrementAndGet();
                                if (firstError.get() == null) {
                                    c.exchange(call, true);
                                    firstError.compareAndSet(null, status + " " + c.lastBody);
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                } finally {
                    if (c != null) {
                        try {
                            c.close();
                        } catch (IOException ignored) {
                        }
                    }
                }
            }));
        }
        // Server CPU and RSS over the measured interval, from /proc.
        sleepUntil(measureFrom);
        long cpu0 = pid > 0 ? processTicks(pid) : 0;
        long[] machine0 = machineTicks();
        long rssMax = 0;
        while (System.nanoTime() < measureTo) {
            if (pid > 0) {
                rssMax = Math.max(rssMax, rssKb(pid));
            }
            Thread.sleep(200);
        }
        long cpu1 = pid > 0 ? processTicks(pid) : 0;
        long[] machine1 = machineTicks();
        for (Thread t : workers) {
            t.join();
        }
        int total = 0;
        for (Samples s : samples) {
            total += s.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Samples s : samples) {
            System.arraycopy(s.values, 0, all, at, s.size);
            at += s.size;
        }
        Arrays.sort(all);
        double rps = total / seconds;
        double cores = pid > 0 ? (cpu1 - cpu0) / 100.0 / seconds : Double.NaN;
        double busy = 100.0 * (1 - (double) (machine1[1] - machine0[1]) / Math.max(1, machine1[0] - machine0[0]));
        String row = String.format(Locale.ROOT, "%s,%d,%s,%.1f,%d,%d,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%.2f,%.0f,%.0f,%s,http",
                name, concurrency, o.getOrDefault("label", ""), seconds, total, errors.get(), rps,
                rps * itemsPerRequest(name), ms(percentile(all, 0.50)), ms(percentile(all, 0.99)),
                ms(percentile(all, 0.999)), ms(total == 0 ? 0 : all[total - 1]), cores, busy, rssMax / 1024.0, load1());
        report(o, row);
        if (firstError.get() != null) {
            String e = firstError.get();
            System.err.println("  first error: " + (e.length() > 400 ? e.substring(0, 400) : e));
        }
    }

    /** Summarises pgbench's per-transaction logs (--log) into the same row shape. */
    static void pgbench(java.util.Map<String, String> o) throws IOException {
        String prefix = o.get("logs");
        Path dir = Path.of(prefix).toAbsolutePath().getParent();
        String base = Path.of(prefix).getFileName().toString();
        Samples s = new Samples();
        long errors = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(base + ".")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] cols = line.split(" ");
                    if (cols.length >= 3) {
                        if (cols[2].equals("failed") || cols[2].equals("skipped")) {
                            errors++;
                        } else {
                            s.add(Long.parseLong(cols[2]) * 1000);
                        }
                    }
                }
            }
        }
        long[] all = Arrays.copyOf(s.values, s.size);
        Arrays.sort(all);
        double seconds = Double.parseDouble(o.get("seconds"));
        double rps = all.length / seconds;
        String name = o.get("scenario");
        String row = String.format(Locale.ROOT, "%s,%s,%s,%.1f,%d,%d,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,,%s,,%s,pgbench",
                name, o.get("concurrency"), o.getOrDefault("label", ""), seconds, all.length, errors, rps,
                rps * itemsPerRequest(name), ms(percentile(all, 0.50)), ms(percentile(all, 0.99)),
                ms(percentile(all, 0.999)), ms(all.length == 0 ? 0 : all[all.length - 1]),
                o.getOrDefault("machine-cpu", ""), load1());
        report(o, row);
    }

    /** Waits until the server answers the no-op endpoint; prints the milliseconds since --since-ms. */
    static void ready(java.util.Map<String, String> o) throws Exception {
        int port = Integer.parseInt(o.get("port"));
        long since = Long.parseLong(o.get("since-ms"));
        long deadline = System.currentTimeMillis() + 1000L * Long.parseLong(o.getOrDefault("timeout", "120"));
        Call noop = new Call("/api/bench/v1/noop", bytes("{}"));
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = new Connection(port)) {
                if (c.exchange(noop, false) == 200) {
                    System.out.println(System.currentTimeMillis() - since);
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        System.err.println("server not ready in time");
        System.exit(1);
    }

    static void report(java.util.Map<String, String> o, String row) throws IOException {
        System.out.println(row);
        if (o.containsKey("csv")) {
            Path csv = Path.of(o.get("csv"));
            if (!Files.exists(csv)) {
                Files.writeString(csv, HEADER + "\n");
            }
            Files.writeString(csv, row + "\n", StandardOpenOption.APPEND);
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** utime + stime of a process, in clock ticks (USER_HZ = 100 on Linux). */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException ignored) {
        }
        return 0;
    }

    /** Total and idle (idle + iowait) ticks of the whole machine. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException e) {
            return new long[] {1, 0};
        }
    }

    static String load1() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "";
        }
    }
}
