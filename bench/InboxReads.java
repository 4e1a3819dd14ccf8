import concierge.ids.EnterpriseId;
import concierge.messaging.Caller;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.JdbiMessageThreadRepository;
import concierge.messaging.Limitation;
import concierge.messaging.MessageThread;
import concierge.messaging.Page;
import concierge.messaging.ThreadFilter;
import concierge.messaging.ThreadOrder;
import concierge.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The staff inbox's reads (issue 12) on one engine: loads one hotel of {@code --hotel} threads (and
 * {@code --others} threads of another hotel around it) with plain INSERT … SELECT, then times the
 * staff messageThreads/getAll use case itself (GetAllMessageThreads, the server's SQL; no HTTP) for
 * the page's requests: first pages by CreatedUtc and UpdatedUtc, the Unresolved filter, a Cursor in
 * the middle of the hotel, and Searches that match every thread, one in 1000, and nothing. Warm (each
 * request repeated for 3 s, at least 5 and at most 200 times, first), one caller at a time; prints a Markdown table of median / p90 / max milliseconds.
 *
 * Run (bench/inbox): java -cp target-bench/concierge.jar bench/InboxReads.java
 *   --url jdbc:h2:file:/tmp/x --hotel 10000 --others 0
 */
public final class InboxReads {

    private static final int COUNT = 20;

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", null);
        String user = arg(args, "--user", "");
        int hotelThreads = Integer.parseInt(arg(args, "--hotel", "10000"));
        int otherThreads = Integer.parseInt(arg(args, "--others", "0"));
        int runs = Integer.parseInt(arg(args, "--runs", "30"));
        int messagesPerThread = Integer.parseInt(arg(args, "--messages", "0"));
        try (Database db = Database.open(url, user, "", 2)) {
            boolean postgres = db.engine() == Database.Engine.POSTGRESQL;
            UUID hotel = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            long t0 = System.nanoTime();
            load(db, postgres, hotel, hotelThreads, other, otherThreads);
            if (messagesPerThread > 0) {
                loadMessages(db, postgres, hotel, messagesPerThread);
            }
            System.out.printf(Locale.ROOT, "loaded %d + %d threads in %.1f s%n", hotelThreads, otherThreads,
                    (System.nanoTime() - t0) / 1e9);

            GetAllMessageThreads getAll = new GetAllMessageThreads(new JdbiMessageThreadRepository(db.jdbi()));
            Caller staff = new Caller.Staff(new EnterpriseId(hotel));
            UUID middle = middleByActivity(db, hotel, hotelThreads);
            System.out.printf("%n| %s, hotel %d threads, table %d | rows | median ms | p90 ms | max ms |%n",
                    db.engine(), hotelThreads, hotelThreads + otherThreads);
            System.out.println("|---|---:|---:|---:|---:|");
            time("CreatedUtc, first page", runs, () -> getAll.execute(staff, Optional.empty(),
                    filter(Optional.empty(), Optional.empty()), ThreadOrder.CREATED_UTC, first()));
            time("UpdatedUtc, first page", runs, () -> getAll.execute(staff, Optional.empty(),
                    filter(Optional.empty(), Optional.empty()), ThreadOrder.UPDATED_UTC, first()));
            time("UpdatedUtc, Unresolved, first page", runs, () -> getAll.execute(staff, Optional.empty(),
                    filter(Optional.of(false), Optional.empty()), ThreadOrder.UPDATED_UTC, first()));
            time("UpdatedUtc, Cursor in the middle", runs, () -> getAll.execute(staff, Optional.empty(),
                    filter(Optional.empty(), Optional.empty()), ThreadOrder.UPDATED_UTC,
                    new Limitation(COUNT, Optional.of(middle))));
            for (String search : List.of("guest", "zebra", "xylophone")) {
                time("UpdatedUtc, Search \"" + search + "\"", runs, () -> getAll.execute(staff, Optional.empty(),
                        filter(Optional.empty(), Optional.of(search)), ThreadOrder.UPDATED_UTC, first()));
            }
            time("UpdatedUtc, Unresolved, Search \"xylophone\"", runs, () -> getAll.execute(staff,
                    Optional.empty(), filter(Optional.of(false), Optional.of("xylophone")), ThreadOrder.UPDATED_UTC,
                    first()));
            time("CreatedUtc, Search \"xylophone\"", runs, () -> getAll.execute(staff, Optional.empty(),
                    filter(Optional.empty(), Optional.of("xylophone")), ThreadOrder.CREATED_UTC, first()));
            if (messagesPerThread > 0) {
                lastMessageFromTheIndex(db, hotel, runs);
            }
        }
    }

    private static Limitation first() {
        return new Limitation(COUNT, Optional.empty());
    }

    private static ThreadFilter filter(Optional<Boolean> isResolved, Optional<String> search) {
        return new ThreadFilter(Optional.empty(), Optional.empty(), Optional.empty(), isResolved, search);
    }

    private static void time(String name, int runs, Supplier<Page<MessageThread>> request) {
        int rows = 0;
        long warm = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 200 && (i < 5 || System.nanoTime() < warm); i++) {
            rows = request.get().items().size();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            request.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", name, rows, millis.get(runs / 2),
                millis.get((int) (runs * 0.9)), millis.getLast());
    }

    /**
     * Threads of {@code hotel} (and of {@code other}): one a minute, UpdatedUtc scattered over the next
     * 30 days, 70% resolved; every OriginalSender contains "guest", one Subject in 1000 "zebra", none
     * "xylophone". ASCII only, so LOWER() here is the server's folding.
     */
    private static void load(Database db, boolean postgres, UUID hotel, int hotelThreads, UUID other,
                             int otherThreads) {
        UUID client = UUID.randomUUID();
        UUID integration = UUID.randomUUID();
        db.jdbi().useHandle(handle -> {
            for (UUID enterprise : List.of(hotel, other)) {
                handle.execute("INSERT INTO enterprise (id, name, created_utc) VALUES (?, 'Bench', CURRENT_TIMESTAMP)",
                        enterprise);
            }
            handle.execute("INSERT INTO client (id, name, client_token_hash, created_utc)"
                    + " VALUES (?, 'Bench', ?, CURRENT_TIMESTAMP)", client, UUID.randomUUID().toString());
            handle.execute("INSERT INTO integration (id, client_id, access_token_hash, default_enterprise_id,"
                    + " is_enabled, created_utc) VALUES (?, ?, ?, ?, TRUE, CURRENT_TIMESTAMP)",
                    integration, client, UUID.randomUUID().toString(), hotel);
        });
        String series = postgres ? "(SELECT g AS n FROM generate_series(1, %d) g) s"
                : "(SELECT \"X\" AS n FROM SYSTEM_RANGE(1, %d)) s";
        String uuid = postgres ? "gen_random_uuid()" : "RANDOM_UUID()";
        int batch = 100_000;
        for (UUID enterprise : List.of(hotel, other)) {
            int total = enterprise.equals(hotel) ? hotelThreads : otherThreads;
            for (int from = 0; from < total; from += batch) {
                int n = Math.min(batch, total - from);
                String subject = "CASE WHEN MOD(n, 1000) = 7 THEN 'Zebra crossing near room ' ELSE 'Question about room ' END"
                        + " || CAST(n AS VARCHAR)";
                String sender = "'Guest ' || CAST(n AS VARCHAR)";
                String created = "TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00' + (n + " + from + ") * INTERVAL '1' MINUTE";
                String sql = "INSERT INTO message_thread (id, client_id, enterprise_id, integration_id, original_sender,"
                        + " subject, created_utc, updated_utc, is_resolved, last_message_utc, original_sender_folded,"
                        + " subject_folded) SELECT " + uuid + ", '" + client + "', '" + enterprise + "', '" + integration
                        + "', " + sender + ", " + subject + ", " + created + ", " + created
                        + " + MOD(n * 7919, 43200) * INTERVAL '1' MINUTE, MOD(n, 10) < 7, " + created
                        + ", LOWER(" + sender + "), LOWER(" + subject + ") FROM " + series.formatted(n);
                long t = System.nanoTime();
                db.jdbi().useHandle(handle -> handle.execute(sql));
                System.out.printf(Locale.ROOT, "  %d threads in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
            }
        }
        if (postgres) {
            db.jdbi().useHandle(handle -> handle.execute("VACUUM ANALYZE message_thread"));
        } else {
            db.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
        }
    }

    /** {@code perThread} messages in every thread of the hotel, a minute apart from the thread's creation. */
    private static void loadMessages(Database db, boolean postgres, UUID hotel, int perThread) {
        String series = postgres ? "generate_series(1, " + perThread + ") g(k)"
                : "(SELECT \"X\" AS k FROM SYSTEM_RANGE(1, " + perThread + ")) g";
        String uuid = postgres ? "gen_random_uuid()" : "RANDOM_UUID()";
        long t = System.nanoTime();
        db.jdbi().useHandle(handle -> handle.execute("INSERT INTO message (id, thread_id, client_id, enterprise_id,"
                + " sender, text, created_utc) SELECT " + uuid + ", t.id, t.client_id, t.enterprise_id, 'Application',"
                + " 'Hello', t.created_utc + k * INTERVAL '1' MINUTE FROM message_thread t CROSS JOIN " + series
                + " WHERE t.enterprise_id = ?", hotel));
        db.jdbi().useHandle(handle -> handle.execute(postgres ? "VACUUM ANALYZE message" : "ANALYZE"));
        System.out.printf(Locale.ROOT, "  %d messages per thread in %.1f s%n", perThread, (System.nanoTime() - t) / 1e9);
    }

    /**
     * The alternative to the last_message_utc column: the first page by UpdatedUtc with each thread's
     * newest message read from the message index (a correlated subquery per listed thread).
     */
    private static void lastMessageFromTheIndex(Database db, UUID hotel, int runs) {
        String page = "SELECT id, updated_utc, seq%s FROM message_thread WHERE enterprise_id = :hotel"
                + " AND (updated_utc, seq) < (TIMESTAMP WITH TIME ZONE '9999-12-31 00:00:00+00', 9223372036854775807)"
                + " ORDER BY enterprise_id DESC, updated_utc DESC, seq DESC LIMIT " + COUNT;
        String fromIndex = ", (SELECT m.created_utc FROM message m WHERE m.thread_id = message_thread.id"
                + " ORDER BY m.thread_id DESC, m.created_utc DESC, m.seq DESC LIMIT 1) AS newest";
        for (String[] variant : List.of(new String[] {"last_message_utc column (SQL alone)", ", last_message_utc"},
                new String[] {"newest message from the message index (SQL alone)", fromIndex})) {
            String sql = page.formatted(variant[1]);
            time(variant[0], runs, () -> new Page<>(db.jdbi().withHandle(handle -> handle.createQuery(sql)
                    .bind("hotel", hotel).mapToMap().list().stream().map(row -> (MessageThread) null).toList()),
                    Optional.empty()));
        }
    }

    /** The hotel's thread halfway down its list by activity: the Cursor of a page in the middle. */
    private static UUID middleByActivity(Database db, UUID hotel, int hotelThreads) {
        return db.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM message_thread"
                        + " WHERE enterprise_id = :hotel ORDER BY updated_utc DESC, seq DESC LIMIT 1 OFFSET :half")
                .bind("hotel", hotel).bind("half", hotelThreads / 2).mapTo(UUID.class).one());
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }
}
