import concierge.auth.Tokens;
import concierge.ids.ClientId;
import concierge.ids.IntegrationId;
import concierge.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Benchmark data for Concierge: enterprises, clients, single-enterprise and portfolio tokens,
 * threads and messages with skew (a few big hotels, many small; a long tail of messages per thread;
 * timestamps over two years), plus one "deep" owner whose last quarter holds enough threads for a
 * 1000-page Cursor walk. PostgreSQL is loaded with COPY (secondary indexes and foreign keys are
 * dropped first and rebuilt after, from their own definitions); H2 with JDBC batches.
 *
 * Writes workload.txt (tokens and Ids the load driver uses) and pgbench/<scenario>/t*.sql (the
 * same SQL the server runs, per tenant) into --out.
 *
 * Run: java -cp target-bench/concierge.jar bench/DataGen.java --url ... --out DIR
 */
public class DataGen {

    static final int WORKLOAD_TENANTS = 64;
    static final int SAMPLE_IDS = 10;
    static final long DAY = 86_400;
    static final long SPAN = 730 * DAY;
    static final long DEEP_WINDOW = 89 * DAY;
    /** The wide owner's messages fall in its last four weeks, inside one CreatedUtc filter (at most a month). */
    static final long WIDE_WINDOW = 28 * DAY;
    /** The wide Cursor opens the page after this many messages of all wide threads (page 101 at Count 100). */
    static final int WIDE_CURSOR_DEPTH = 10_000;
    static final long MONTH = 30 * DAY;
    static final String CLIENT_NAME = "Concierge bench 1.0";

    static final String[] TEXTS = {
        "Could we get a late check-out tomorrow, around 2 pm?",
        "Is breakfast included in our rate?",
        "We will arrive after midnight, please keep the room.",
        "Can you arrange an airport transfer for Friday morning?",
        "The air conditioning in room 214 is not working.",
        "Two more towels, please.",
        "Is there parking at the hotel, and what does it cost?",
        "Could you recommend a restaurant nearby for tonight?",
        "Of course, we have noted it on your reservation.",
        "Your transfer is booked for 09:30, the driver will wait in the lobby.",
        "Thank you, see you soon!",
        "Is the spa open on Sundays?",
        "We are celebrating an anniversary, could you add a small surprise?",
        "A technician is on the way to your room.",
        "Do you allow pets? We travel with a small dog.",
        "Can I get an invoice issued to my company?",
    };
    static final String[] SUBJECTS = {"Late check-out", "Breakfast", "Arrival time", "Airport transfer", "Room issue",
        "Towels", "Parking", "Restaurant", "Spa", "Anniversary", "Pets", "Invoice"};
    static final String[] NAMES = {"Ann Lee", "John Doe", "Maria Garcia", "Peter Novak", "Akira Tanaka",
        "Lena Fischer", "Omar Haddad", "Sofia Rossi", "Jan Svoboda", "Chloe Martin"};

    // --- options
    String url;
    String user = "postgres";
    String password = "";
    int threads = 10_000;
    int deepThreads = 10_010;
    int wideThreads = 0;
    int wideMessages = 1000;
    double meanMessages = 10;
    long seed = 42;
    Path out;

    // --- model
    long now;
    long start;
    final List<UUID> enterprises = new ArrayList<>();
    final List<Client> clients = new ArrayList<>();
    final List<Owner> owners = new ArrayList<>();
    final List<Portfolio> portfolios = new ArrayList<>();
    int deepOwner;
    /** -1 without --wide-threads. */
    int wideOwner = -1;
    /** Per thread in seq order: (createdOffsetSeconds << 30) | ownerIndex. */
    long[] keys;
    long[] idHi;
    long[] idLo;

    record Client(UUID id, String token) {
    }

    /** A (client, enterprise) pair with its single-enterprise integration. */
    static final class Owner {
        final int client;
        final UUID enterprise;
        final UUID integration;
        final String accessToken;
        final double weight;
        int threadCount;
        final List<Integer> sample = new ArrayList<>();

        Owner(int client, UUID enterprise, UUID integration, String accessToken, double weight) {
            this.client = client;
            this.enterprise = enterprise;
            this.integration = integration;
            this.accessToken = accessToken;
            this.weight = weight;
        }
    }

    record Portfolio(int client, UUID integration, String accessToken, List<UUID> enterprises) {
    }

    public static void main(String[] args) throws Exception {
        DataGen gen = new DataGen();
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--url" -> gen.url = v;
                case "--user" -> gen.user = v;
                case "--password" -> gen.password = v;
                case "--threads" -> gen.threads = Integer.parseInt(v.replace("_", ""));
                case "--deep-threads" -> gen.deepThreads = Integer.parseInt(v.replace("_", ""));
                case "--wide-threads" -> gen.wideThreads = Integer.parseInt(v.replace("_", ""));
                case "--wide-messages" -> gen.wideMessages = Integer.parseInt(v.replace("_", ""));
                case "--mean-messages" -> gen.meanMessages = Double.parseDouble(v);
                case "--seed" -> gen.seed = Long.parseLong(v);
                case "--out" -> gen.out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (gen.url == null || gen.out == null) {
            System.err.println("usage: DataGen --url JDBC_URL [--user U] [--password P] --out DIR [--threads N]"
                    + " [--deep-threads N] [--wide-threads N] [--wide-messages M] [--mean-messages M] [--seed S]");
            System.exit(2);
        }
        if (gen.wideThreads > 1000 || gen.wideMessages < 1 || gen.wideMessages > 1000) {
            System.err.println("--wide-threads is at most 1000 (the most a request names), --wide-messages 1..1000");
            System.exit(2);
        }
        gen.run();
    }

    boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    void run() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        // The schema comes from the server's own migrations.
        Database.open(url, user, password, 2).close();
        String jdbcUrl = postgres() ? url
                : url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond() - 60;
        start = now - SPAN;
        SplittableRandom random = new SplittableRandom(seed);
        model(random);
        log("model: %d enterprises, %d clients, %d owners (single-enterprise tokens), %d portfolio tokens",
                enterprises.size(), clients.size(), owners.size(), portfolios.size());
        placeThreads(random);
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.setAutoCommit(false);
            insertTenants(db);
            db.commit();
            long t1 = System.nanoTime();
            long[] counts;
            if (postgres()) {
                counts = loadPostgres(db);
            } else {
                counts = loadH2(db);
            }
            long t2 = System.nanoTime();
            log("loaded %,d threads and %,d messages in %.1f s (%,.0f rows/s)", counts[0], counts[1],
                    (t2 - t1) / 1e9, (counts[0] + counts[1]) / ((t2 - t1) / 1e9));
            db.setAutoCommit(true);
            try (Statement st = db.createStatement()) {
                st.execute("ALTER TABLE message_thread ALTER COLUMN seq RESTART WITH " + (keys.length + 1));
                st.execute("ALTER TABLE message ALTER COLUMN seq RESTART WITH " + (counts[1] + 1));
                if (postgres()) {
                    st.execute("VACUUM ANALYZE message_thread");
                    st.execute("VACUUM ANALYZE message");
                    st.execute("ANALYZE");
                } else {
                    st.execute("ANALYZE");
                }
            }
            long t3 = System.nanoTime();
            log("analyze: %.1f s", (t3 - t2) / 1e9);
            String deepCursor = deepCursor(db, 1000, 10);
            String wideCursor = wideOwner < 0 ? "" : wideCursor(db);
            writeWorkload(deepCursor, wideCursor);
            if (postgres()) {
                writePgbench(cursorPosition(db, deepCursor));
                if (wideOwner >= 0) {
                    writeWidePgbench(db, messagePosition(db, wideCursor));
                }
            }
            String summary = String.format(Locale.ROOT,
                    "threads=%d messages=%d enterprises=%d owners=%d load_seconds=%.1f total_seconds=%.1f",
                    counts[0], counts[1], enterprises.size(), owners.size(), (t2 - t1) / 1e9,
                    (System.nanoTime() - t0) / 1e9);
            Files.writeString(out.resolve("load.txt"), summary + "\n");
            log("%s", summary);
        }
    }

    // ------------------------------------------------------------------ model

    void model(SplittableRandom random) {
        int enterpriseCount = Math.max(10, threads / 200);
        int clientCount = Math.max(4, Math.min(50, threads / 1000));
        for (int i = 0; i < clientCount; i++) {
            UUID id = uuid(random);
            clients.add(new Client(id, Tokens.issue(new ClientId(id))));
        }
        // Client popularity: a few partners (big booking engines) connect most hotels.
        double[] clientWeight = new double[clientCount];
        for (int c = 0; c < clientCount; c++) {
            clientWeight[c] = 1.0 / Math.pow(c + 1, 0.8);
        }
        Map<Integer, List<UUID>> enterprisesOfClient = new HashMap<>();
        for (int e = 0; e < enterpriseCount; e++) {
            UUID enterprise = uuid(random);
            enterprises.add(enterprise);
            // Hotel size: Zipf-like over the rank, so a few hotels hold much of the traffic.
            double hotelWeight = 1.0 / Math.pow(e + 1, 0.9);
            int connected = 1 + (int) Math.min(clientCount - 1, Math.floor(-Math.log(random.nextDouble()) * 1.2));
            boolean[] taken = new boolean[clientCount];
            double[] share = new double[connected];
            int[] chosen = new int[connected];
            double shareSum = 0;
            for (int k = 0; k < connected; k++) {
                int c;
                do {
                    c = pick(clientWeight, random);
                } while (taken[c]);
                taken[c] = true;
                chosen[k] = c;
                share[k] = -Math.log(random.nextDouble());
                shareSum += share[k];
            }
            for (int k = 0; k < connected; k++) {
                UUID integration = uuid(random);
                owners.add(new Owner(chosen[k], enterprise, integration, Tokens.issue(new IntegrationId(integration)),
                        hotelWeight * share[k] / shareSum));
                enterprisesOfClient.computeIfAbsent(chosen[k], x -> new ArrayList<>()).add(enterprise);
            }
        }
        // One portfolio token per client over up to 10 of its hotels (exists for realism of the
        // credentials table; the workload uses single-enterprise tokens, the common case).
        for (var entry : enterprisesOfClient.entrySet()) {
            if (entry.getValue().size() >= 2) {
                UUID integration = uuid(random);
                portfolios.add(new Portfolio(entry.getKey(), integration, Tokens.issue(new IntegrationId(integration)),
                        List.copyOf(entry.getValue().subList(0, Math.min(10, entry.getValue().size())))));
            }
        }
        // The deep owner: its own hotel, client 0; only its last quarter is filled.
        UUID deepHotel = uuid(random);
        enterprises.add(deepHotel);
        UUID deepIntegration = uuid(random);
        owners.add(new Owner(0, deepHotel, deepIntegration, Tokens.issue(new IntegrationId(deepIntegration)), 0));
        deepOwner = owners.size() - 1;
        // The wide owner: its own hotel, client 0; --wide-threads threads of --wide-messages messages each,
        // interleaved in time, for messages/getAll over many threads.
        if (wideThreads > 0) {
            UUID wideHotel = uuid(random);
            enterprises.add(wideHotel);
            UUID wideIntegration = uuid(random);
            owners.add(new Owner(0, wideHotel, wideIntegration, Tokens.issue(new IntegrationId(wideIntegration)), 0));
            wideOwner = owners.size() - 1;
        }
    }

    static int pick(double[] weights, SplittableRandom random) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Creation times and owners of every thread, sorted by time so that seq follows creation. */
    void placeThreads(SplittableRandom random) {
        double[] cumulative = new double[owners.size()];
        double sum = 0;
        for (int i = 0; i < owners.size(); i++) {
            sum += owners.get(i).weight;
            cumulative[i] = sum;
        }
        int total = threads + deepThreads + wideThreads;
        keys = new long[total];
        for (int i = 0; i < threads; i++) {
            // Traffic grows over the two years: density rises linearly towards now.
            long offset = (long) (Math.sqrt(random.nextDouble()) * (SPAN - 1));
            int owner = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            owner = owner < 0 ? -owner - 1 : owner;
            owner = Math.min(owner, deepOwner - 1);
            keys[i] = (offset << 30) | owner;
        }
        for (int i = threads; i < threads + deepThreads; i++) {
            long offset = SPAN - DEEP_WINDOW + 3600 + random.nextLong(DEEP_WINDOW - 7200);
            keys[i] = (offset << 30) | deepOwner;
        }
        for (int i = threads + deepThreads; i < total; i++) {
            long offset = SPAN - WIDE_WINDOW + random.nextLong(3600);
            keys[i] = (offset << 30) | wideOwner;
        }
        Arrays.sort(keys);
        idHi = new long[total];
        idLo = new long[total];
        for (int i = 0; i < total; i++) {
            UUID id = uuid(random);
            idHi[i] = id.getMostSignificantBits();
            idLo[i] = id.getLeastSignificantBits();
            Owner owner = owners.get(ownerOf(i));
            owner.threadCount++;
            // Reservoir sample of each owner's threads, for the Ids the workload asks for.
            if (owner.sample.size() < SAMPLE_IDS) {
                owner.sample.add(i);
            } else {
                int j = random.nextInt(owner.threadCount);
                if (j < SAMPLE_IDS) {
                    owner.sample.set(j, i);
                }
            }
        }
    }

    int ownerOf(int thread) {
        return (int) (keys[thread] & ((1L << 30) - 1));
    }

    long createdOf(int thread) {
        return start + (keys[thread] >>> 30);
    }

    UUID threadId(int thread) {
        return new UUID(idHi[thread], idLo[thread]);
    }

    static UUID uuid(SplittableRandom random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    /** The messages of one thread, the same every time it is asked (a per-thread seed). */
    final class Conversation {
        int count;
        final long[] times = new long[1000];
        final int[] texts = new int[1000];
        boolean resolved;

        Conversation of(int thread) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + thread);
            long created = createdOf(thread);
            if (ownerOf(thread) == deepOwner) {
                count = 1;
            } else if (ownerOf(thread) == wideOwner) {
                // Spread over the whole window, so every wide thread has messages near any instant in it.
                count = wideMessages;
                for (int i = 0; i < count; i++) {
                    times[i] = created + r.nextLong(now - created);
                    texts[i] = r.nextInt(TEXTS.length);
                }
                Arrays.sort(times, 0, count);
                resolved = false;
                return this;
            } else {
                // Log-normal: most threads hold a few messages, some hundreds.
                double sigma = 1.1;
                double mu = Math.log(meanMessages) - sigma * sigma / 2;
                count = (int) Math.max(1, Math.min(1000, Math.round(Math.exp(mu + sigma * r.nextGaussian()))));
            }
            long t = created;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    t = Math.min(now, t + (long) (-Math.log(r.nextDouble()) * 3 * 3600));
                }
                times[i] = t;
                texts[i] = r.nextInt(TEXTS.length);
            }
            resolved = created < now - 7 * DAY ? r.nextDouble() < 0.7 : r.nextDouble() < 0.2;
            return this;
        }

        long updated() {
            return times[count - 1];
        }
    }

    // ------------------------------------------------------------------ tenants (both engines)

    void insertTenants(Connection db) throws SQLException {
        OffsetDateTime created = OffsetDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO enterprise (id, name, created_utc) VALUES (?, ?, ?)")) {
            for (int i = 0; i < enterprises.size(); i++) {
                ps.setObject(1, enterprises.get(i));
                UUID id = enterprises.get(i);
                ps.setString(2, id.equals(owners.get(deepOwner).enterprise) ? "Bench Deep Hotel"
                        : wideOwner >= 0 && id.equals(owners.get(wideOwner).enterprise) ? "Bench Wide Hotel"
                        : "Bench Hotel " + (i + 1));
                ps.setObject(3, created);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO client (id, name, client_token_hash, webhook_url, created_utc) VALUES (?, ?, ?, NULL, ?)")) {
            for (int i = 0; i < clients.size(); i++) {
                ps.setObject(1, clients.get(i).id());
                ps.setString(2, "Bench Client " + (i + 1));
                ps.setString(3, Tokens.hash(clients.get(i).token()));
                ps.setObject(4, created);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement integration = db.prepareStatement("INSERT INTO integration (id, client_id, access_token_hash,"
                + " default_enterprise_id, is_enabled, created_utc) VALUES (?, ?, ?, ?, TRUE, ?)");
             PreparedStatement scope = db.prepareStatement(
                     "INSERT INTO integration_enterprise (integration_id, enterprise_id, position) VALUES (?, ?, ?)")) {
            for (Owner owner : owners) {
                integration.setObject(1, owner.integration);
                integration.setObject(2, clients.get(owner.client).id());
                integration.setString(3, Tokens.hash(owner.accessToken));
                integration.setObject(4, owner.enterprise);
                integration.setObject(5, created);
                integration.addBatch();
                scope.setObject(1, owner.integration);
                scope.setObject(2, owner.enterprise);
                scope.setInt(3, 0);
                scope.addBatch();
            }
            for (Portfolio portfolio : portfolios) {
                integration.setObject(1, portfolio.integration());
                integration.setObject(2, clients.get(portfolio.client()).id());
                integration.setString(3, Tokens.hash(portfolio.accessToken()));
                integration.setObject(4, portfolio.enterprises().getFirst());
                integration.setObject(5, created);
                integration.addBatch();
                for (int p = 0; p < portfolio.enterprises().size(); p++) {
                    scope.setObject(1, portfolio.integration());
                    scope.setObject(2, portfolio.enterprises().get(p));
                    scope.setInt(3, p);
                    scope.addBatch();
                }
            }
            integration.executeBatch();
            scope.executeBatch();
        }
    }

    // ------------------------------------------------------------------ PostgreSQL: COPY

    long[] loadPostgres(Connection db) throws Exception {
        List<String> tables = List.of("message_thread", "message");
        List<String[]> foreignKeys = new ArrayList<>();
        List<String[]> keysAndUniques = new ArrayList<>();
        List<String[]> indexes = new ArrayList<>();
        try (Statement st = db.createStatement()) {
            String in = "('message_thread'::regclass, 'message'::regclass)";
            try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype"
                    + " FROM pg_constraint WHERE (conrelid IN " + in + " AND contype IN ('p', 'u', 'f'))"
                    + " OR (confrelid IN " + in + " AND contype = 'f') ORDER BY contype DESC, conname")) {
                while (rs.next()) {
                    String[] c = {rs.getString(1), rs.getString(2), rs.getString(3)};
                    (rs.getString(4).equals("f") ? foreignKeys : keysAndUniques).add(c);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
                    + " WHERE indrelid IN " + in + " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)")) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] fk : foreignKeys) {
                st.execute("ALTER TABLE " + fk[0] + " DROP CONSTRAINT " + fk[1]);
            }
            for (String[] key : keysAndUniques) {
                st.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT " + key[1]);
            }
            for (String[] index : indexes) {
                st.execute("DROP INDEX " + index[0]);
            }
            db.commit();
            log("dropped %d foreign keys, %d keys, %d indexes of %s for the load", foreignKeys.size(),
                    keysAndUniques.size(), indexes.size(), tables);
        }
        CopyWriter threadCopy = new CopyWriter(db, "COPY message_thread (id, seq, client_id, enterprise_id, integration_id,"
                + " original_sender, subject, created_utc, updated_utc, is_resolved, last_message_utc,"
                + " original_sender_folded, subject_folded) FROM STDIN");
        Conversation conversation = new Conversation();
        for (int i = 0; i < keys.length; i++) {
            Owner owner = owners.get(ownerOf(i));
            conversation.of(i);
            threadCopy.uuid(threadId(i)).tab().num(i + 1).tab().uuid(clients.get(owner.client).id()).tab()
                    .uuid(owner.enterprise).tab().uuid(owner.integration).tab()
                    .text(NAMES[(int) ((idLo[i] >>> 8) % NAMES.length)]).tab()
                    .text(SUBJECTS[(int) ((idLo[i] >>> 16) % SUBJECTS.length)]).tab()
                    .time(createdOf(i)).tab().time(conversation.updated()).tab()
                    .text(conversation.resolved ? "t" : "f").tab()
                    .time(conversation.times[conversation.count - 1]).tab()
                    .text(folded(NAMES[(int) ((idLo[i] >>> 8) % NAMES.length)])).tab()
                    .text(folded(SUBJECTS[(int) ((idLo[i] >>> 16) % SUBJECTS.length)])).end();
        }
        threadCopy.finish();
        db.commit();
        long t = System.nanoTime();
        log("threads copied: %,d", keys.length);
        CopyWriter messageCopy = new CopyWriter(db, "COPY message (id, seq, thread_id, client_id, enterprise_id, sender,"
                + " text, identifier, created_utc) FROM STDIN");
        SplittableRandom ids = new SplittableRandom(seed ^ 0x5EEDL);
        long seq = 0;
        for (int i = 0; i < keys.length; i++) {
            Owner owner = owners.get(ownerOf(i));
            conversation.of(i);
            UUID client = clients.get(owner.client).id();
            for (int m = 0; m < conversation.count; m++) {
                seq++;
                boolean app = m == 0 || ((seq * 0x9E3779B97F4A7C15L) >>> 63) == 0;
                messageCopy.uuid(uuid(ids)).tab().num(seq).tab().uuid(threadId(i)).tab().uuid(client).tab()
                        .uuid(owner.enterprise).tab().text(app ? "Application" : "Enterprise").tab()
                        .text(TEXTS[conversation.texts[m]]).tab();
                if (app) {
                    messageCopy.text("m-").num(m + 1);
                } else {
                    messageCopy.text("\\N");
                }
                messageCopy.tab().time(conversation.times[m]).end();
            }
            if ((i + 1) % 200_000 == 0) {
                log("  messages of %,d threads copied (%,d messages)", i + 1, seq);
            }
        }
        messageCopy.finish();
        db.commit();
        log("messages copied: %,d in %.1f s", seq, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.execute("SET maintenance_work_mem = '1GB'");
            st.execute("SET max_parallel_maintenance_workers = 2");
            for (String[] key : keysAndUniques) {
                st.execute("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
            }
            for (String[] index : indexes) {
                st.execute(index[1]);
            }
            for (String[] fk : foreignKeys) {
                st.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT " + fk[1] + " " + fk[2]);
            }
        }
        db.commit();
        log("keys, indexes and foreign keys rebuilt in %.1f s", (System.nanoTime() - t) / 1e9);
        return new long[] {keys.length, seq};
    }

    /** Builds COPY text rows in a byte buffer and streams them to the server. */
    static final class CopyWriter {
        private final CopyIn copy;
        private final byte[] buffer = new byte[1 << 20];
        private int length;

        CopyWriter(Connection db, String sql) throws SQLException {
            this.copy = db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }

        CopyWriter text(String s) {
            for (int i = 0; i < s.length(); i++) {
                buffer[length++] = (byte) s.charAt(i); // all bench texts are ASCII without tabs or backslashes
            }
            return this;
        }

        CopyWriter num(long n) {
            return text(Long.toString(n));
        }

        CopyWriter uuid(UUID id) {
            return text(id.toString());
        }

        CopyWriter time(long epochSecond) {
            return text(Instant.ofEpochSecond(epochSecond).toString()); // ISO-8601 with Z: PostgreSQL reads it
        }

        CopyWriter tab() {
            buffer[length++] = '\t';
            return this;
        }

        void end() throws SQLException {
            buffer[length++] = '\n';
            if (length > buffer.length - 8192) {
                flush();
            }
        }

        private void flush() throws SQLException {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }
    }

    /** Subject and OriginalSender as the server stores them for Search (messaging.SearchText): all ASCII here. */
    static String folded(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ H2: batches

    long[] loadH2(Connection db) throws SQLException {
        Conversation conversation = new Conversation();
        long seq = 0;
        try (PreparedStatement thread = db.prepareStatement("INSERT INTO message_thread (id, seq, client_id, enterprise_id,"
                + " integration_id, original_sender, subject, created_utc, updated_utc, is_resolved, last_message_utc,"
                + " original_sender_folded, subject_folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement message = db.prepareStatement("INSERT INTO message (id, seq, thread_id, client_id,"
                     + " enterprise_id, sender, text, identifier, created_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            SplittableRandom ids = new SplittableRandom(seed ^ 0x5EEDL);
            for (int i = 0; i < keys.length; i++) {
                Owner owner = owners.get(ownerOf(i));
                UUID client = clients.get(owner.client).id();
                conversation.of(i);
                thread.setObject(1, threadId(i));
                thread.setLong(2, i + 1);
                thread.setObject(3, client);
                thread.setObject(4, owner.enterprise);
                thread.setObject(5, owner.integration);
                thread.setString(6, NAMES[(int) ((idLo[i] >>> 8) % NAMES.length)]);
                thread.setString(7, SUBJECTS[(int) ((idLo[i] >>> 16) % SUBJECTS.length)]);
                thread.setObject(8, odt(createdOf(i)));
                thread.setObject(9, odt(conversation.updated()));
                thread.setBoolean(10, conversation.resolved);
                thread.setObject(11, odt(conversation.times[conversation.count - 1]));
                thread.setString(12, folded(NAMES[(int) ((idLo[i] >>> 8) % NAMES.length)]));
                thread.setString(13, folded(SUBJECTS[(int) ((idLo[i] >>> 16) % SUBJECTS.length)]));
                thread.addBatch();
                for (int m = 0; m < conversation.count; m++) {
                    seq++;
                    boolean app = m == 0 || ((seq * 0x9E3779B97F4A7C15L) >>> 63) == 0;
                    message.setObject(1, uuid(ids));
                    message.setLong(2, seq);
                    message.setObject(3, threadId(i));
                    message.setObject(4, client);
                    message.setObject(5, owner.enterprise);
                    message.setString(6, app ? "Application" : "Enterprise");
                    message.setString(7, TEXTS[conversation.texts[m]]);
                    message.setString(8, app ? "m-" + (m + 1) : null);
                    message.setObject(9, odt(conversation.times[m]));
                    message.addBatch();
                }
                if ((i + 1) % 1000 == 0 || i == keys.length - 1) {
                    thread.executeBatch();
                    message.executeBatch();
                    db.commit();
                }
            }
        }
        return new long[] {keys.length, seq};
    }

    static OffsetDateTime odt(long epochSecond) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ workload files

    long deepWindowStart() {
        return now - DEEP_WINDOW;
    }

    /** The Id a client sends as Cursor to get page {@code page} of the deep owner's quarter. */
    String deepCursor(Connection db, int page, int count) throws SQLException {
        Owner deep = owners.get(deepOwner);
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM message_thread WHERE client_id = ? AND enterprise_id = ?"
                + " AND created_utc >= ? AND created_utc < ? ORDER BY created_utc DESC, seq DESC OFFSET ? ROWS FETCH FIRST 1 ROW ONLY")) {
            ps.setObject(1, clients.get(deep.client).id());
            ps.setObject(2, deep.enterprise);
            ps.setObject(3, odt(deepWindowStart()));
            ps.setObject(4, odt(now));
            ps.setInt(5, (page - 1) * count - 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the deep owner has fewer than " + (page - 1) * count + " threads");
                }
                return rs.getObject(1, UUID.class).toString();
            }
        }
    }

    List<UUID> wideThreadIds() {
        List<UUID> ids = new ArrayList<>(wideThreads);
        for (int i = 0; i < keys.length; i++) {
            if (ownerOf(i) == wideOwner) {
                ids.add(threadId(i));
            }
        }
        return ids;
    }

    /** The Id a client sends as Cursor for the page after the newest WIDE_CURSOR_DEPTH messages of all wide threads. */
    String wideCursor(Connection db) throws SQLException {
        long depth = Math.min(WIDE_CURSOR_DEPTH, (long) wideThreads * wideMessages / 2);
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM message WHERE enterprise_id = ?"
                + " ORDER BY created_utc DESC, seq DESC OFFSET ? ROWS FETCH FIRST 1 ROW ONLY")) {
            ps.setObject(1, owners.get(wideOwner).enterprise);
            ps.setLong(2, depth - 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class).toString();
            }
        }
    }

    /** Tenants the load uses: owners with at least 10 threads, drawn by their size (big hotels are busier). */
    List<Owner> workloadTenants() {
        List<Owner> candidates = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            if (i != deepOwner && i != wideOwner && owners.get(i).threadCount >= SAMPLE_IDS) {
                candidates.add(owners.get(i));
            }
        }
        SplittableRandom random = new SplittableRandom(seed + 7);
        List<Owner> chosen = new ArrayList<>();
        while (chosen.size() < WORKLOAD_TENANTS && !candidates.isEmpty()) {
            double[] w = candidates.stream().mapToDouble(o -> o.threadCount).toArray();
            chosen.add(candidates.remove(pick(w, random)));
        }
        return chosen;
    }

    void writeWorkload(String deepCursor, String wideCursor) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# Generated by bench/DataGen.java; tokens of a benchmark database, not secrets.\n");
        text.append("span ").append(start).append(' ').append(now).append('\n');
        for (Owner o : workloadTenants()) {
            text.append("tenant ").append(clients.get(o.client).token()).append(' ').append(o.accessToken).append(' ')
                    .append(clients.get(o.client).id()).append(' ').append(o.enterprise).append(' ')
                    .append(o.integration).append(' ').append(o.threadCount).append(' ')
                    .append(String.join(",", o.sample.stream().map(i -> threadId(i).toString()).toList())).append('\n');
        }
        Owner d = owners.get(deepOwner);
        text.append("deep ").append(clients.get(d.client).token()).append(' ').append(d.accessToken).append(' ')
                .append(clients.get(d.client).id()).append(' ').append(d.enterprise).append(' ').append(d.integration)
                .append(' ').append(deepWindowStart()).append(' ').append(now).append(' ').append(deepCursor).append('\n');
        if (wideOwner >= 0) {
            Owner w = owners.get(wideOwner);
            text.append("wide ").append(clients.get(w.client).token()).append(' ').append(w.accessToken).append(' ')
                    .append(clients.get(w.client).id()).append(' ').append(w.enterprise).append(' ').append(w.integration)
                    .append(' ').append(wideCursor).append(' ')
                    .append(String.join(",", wideThreadIds().stream().map(UUID::toString).toList())).append('\n');
        }
        Files.writeString(out.resolve("workload.txt"), text);
    }

    // ------------------------------------------------------------------ pgbench: the server's SQL

    // The statements the server sends for one request once its caches are warm (bench/README.md): the
    // token, the Cursor's position and the threads' owners are remembered, so only these remain.
    static final String THREAD_COLUMNS = "id, client_id, enterprise_id, integration_id, original_sender, subject,"
            + " created_utc, updated_utc, is_resolved, last_message_utc";
    static final String THREAD_ORDER = " ORDER BY client_id DESC, enterprise_id DESC, created_utc DESC, seq DESC";
    static final String NOW = "date_trunc('second', now())";
    /** A fresh UUID from two pgbench random numbers, as the server makes its own Ids. */
    static final String NEW_ID = "(lpad(to_hex(:r1::bigint), 16, '0') || lpad(to_hex(:r2::bigint), 16, '0'))::uuid";
    static final String RANDOMS = "\\set r1 random(0, 1152921504606846975)\n\\set r2 random(0, 1152921504606846975)\n";

    /** {@code cursorPosition} is the deep Cursor's {@code (created_utc, seq)} as SQL literals. */
    void writePgbench(String cursorPosition) throws IOException {
        List<Owner> tenants = workloadTenants();
        String text1000 = TEXTS[0];
        for (int n = 0; n < tenants.size(); n++) {
            Owner o = tenants.get(n);
            String client = clients.get(o.client).id().toString();
            String scope = "client_id = '" + client + "' AND enterprise_id = '" + o.enterprise + "'";
            String t0 = threadId(o.sample.getFirst()).toString();
            String ids = String.join(", ", o.sample.stream().map(i -> "'" + threadId(i) + "'").toList());
            String name = String.format("t%02d.sql", n);
            write("threads_interval", name, "\\set s random(" + start + ", " + (now - MONTH) + ")\n\\set e :s + " + MONTH
                    + "\n" + "SELECT " + THREAD_COLUMNS + ", seq FROM message_thread WHERE " + scope
                    + " AND created_utc >= to_timestamp(:s) AND created_utc < to_timestamp(:e)" + THREAD_ORDER + " LIMIT 100;\n");
            write("threads_ids", name, "SELECT " + THREAD_COLUMNS + ", seq FROM (SELECT " + THREAD_COLUMNS
                    + ", seq FROM message_thread WHERE id IN (" + ids + ") OFFSET 0) candidate WHERE " + scope
                    + " ORDER BY created_utc DESC, seq DESC LIMIT 100;\n");
            write("messages_getall", name, "SELECT id, thread_id, client_id, enterprise_id, sender, text, identifier,"
                    + " created_utc, seq FROM message WHERE thread_id = '" + t0 + "'"
                    + " ORDER BY thread_id DESC, created_utc DESC, seq DESC LIMIT 100;\n");
            write("threads_add", name, RANDOMS + "INSERT INTO message_thread (" + THREAD_COLUMNS
                    + ", original_sender_folded, subject_folded) VALUES (" + NEW_ID + ", '" + client + "', '"
                    + o.enterprise + "', '" + o.integration + "', 'Bench Guest', 'Late check-in', " + NOW + ", " + NOW
                    + ", FALSE, NULL, 'bench guest', 'late check-in');\n");
            String tail = "UPDATE message_thread SET updated_utc = GREATEST(updated_utc, " + NOW + "), last_message_utc ="
                    + " GREATEST(COALESCE(last_message_utc, " + NOW + "), " + NOW + "), is_resolved = FALSE"
                    + " WHERE id IN ('" + t0 + "');\nEND;\n";
            String outbox = "INSERT INTO webhook_event (message_id, client_id, enterprise_id, integration_id, status, attempts,"
                    + " next_attempt_utc, created_utc) SELECT m.id, m.client_id, m.enterprise_id, t.integration_id, 'Pending', 0, "
                    + NOW + ", " + NOW + " FROM message m JOIN message_thread t ON t.id = m.thread_id JOIN client c ON c.id ="
                    + " m.client_id WHERE %s AND c.webhook_url IS NOT NULL;\n";
            String columns = "id, thread_id, client_id, enterprise_id, sender, text, identifier, created_utc";
            write("messages_add_1", name, RANDOMS + "BEGIN;\nINSERT INTO message (" + columns
                    + ") VALUES (" + NEW_ID + ", '" + t0 + "', '" + client + "', '" + o.enterprise + "', 'Application', '"
                    + text1000 + "', 'bench-1', " + NOW + ");\n"
                    + String.format(outbox, "m.id IN (" + NEW_ID + ")") + tail);
            write("messages_add_1000", name, "BEGIN;\nINSERT INTO message (" + columns
                    + ") SELECT gen_random_uuid(), '" + t0 + "', '" + client + "', '" + o.enterprise + "', 'Application', '"
                    + text1000 + "', 'bench-' || g, " + NOW + " FROM generate_series(1, 1000) g;\n"
                    + String.format(outbox, "m.thread_id = '" + t0 + "' AND m.created_utc = " + NOW) + tail);
        }
        Owner d = owners.get(deepOwner);
        String scope = "client_id = '" + clients.get(d.client).id() + "' AND enterprise_id = '" + d.enterprise + "'";
        String window = " AND created_utc >= to_timestamp(" + deepWindowStart() + ") AND created_utc < to_timestamp(" + now + ")";
        write("walk_p1", "t00.sql", "SELECT " + THREAD_COLUMNS + ", seq FROM message_thread WHERE " + scope + window
                + THREAD_ORDER + " LIMIT 10;\n");
        write("walk_p1000", "t00.sql", "SELECT " + THREAD_COLUMNS + ", seq FROM message_thread WHERE " + scope + window
                + " AND (created_utc, seq) < " + cursorPosition + THREAD_ORDER + " LIMIT 10;\n");
    }

    /**
     * messages/getAll over the wide owner's threads, as JdbiMessageRepository sends it on PostgreSQL: one
     * thread is one ordered walk; several are its two LATERAL walks and the rows by seq, with the values
     * the server binds worked out here the same way (its floor and its threads to walk further).
     * {@code cursorPosition} is the wide Cursor's {@code (created_utc, seq)} as a row literal.
     */
    void writeWidePgbench(Connection db, String cursorPosition) throws IOException, SQLException {
        List<UUID> ids = wideThreadIds();
        write("messages_wide_1", "t00.sql", "SELECT " + MESSAGE_COLUMNS + ", seq FROM message WHERE thread_id = '"
                + ids.getFirst() + "' ORDER BY thread_id DESC, created_utc DESC, seq DESC LIMIT 100;\n");
        write("messages_wide_all", "t00.sql", severalThreads(db, ids, "", 100));
        write("messages_wide_all_p101", "t00.sql", severalThreads(db, ids, " AND (created_utc, seq) < " + cursorPosition, 100));
        write("messages_wide_all_count1000", "t00.sql", severalThreads(db, ids, "", 1000));
    }

    static final String MESSAGE_COLUMNS = "id, thread_id, client_id, enterprise_id, sender, text, identifier, created_utc";

    /** JdbiMessageRepository.severalThreads: its statements for these threads, run here to find what they bind. */
    static String severalThreads(Connection db, List<UUID> threadIds, String condition, int count) throws SQLException {
        int k = Math.ceilDiv(count, threadIds.size());
        String first = walks(threadIds, condition, k);
        Map<UUID, List<long[]>> firstWalks = new HashMap<>();
        List<long[]> found = new ArrayList<>(); // {epoch second, seq}
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(first)) {
            while (rs.next()) {
                long[] position = {rs.getObject(2, OffsetDateTime.class).toEpochSecond(), rs.getLong(3)};
                firstWalks.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>()).add(position);
                found.add(position);
            }
        }
        java.util.Comparator<long[]> newestFirst = java.util.Comparator.<long[]>comparingLong(p -> p[0])
                .thenComparingLong(p -> p[1]).reversed();
        found.sort(newestFirst);
        long[] floor = found.size() >= count ? found.get(count - 1) : null;
        List<UUID> further = new ArrayList<>();
        firstWalks.forEach((id, positions) -> {
            long[] oldest = positions.stream().max(newestFirst).orElseThrow();
            if (k < count && positions.size() == k && (floor == null || newestFirst.compare(oldest, floor) <= 0)) {
                further.add(id);
            }
        });
        StringBuilder script = new StringBuilder(first).append(";\n");
        if (!further.isEmpty()) {
            String floorCondition = floor == null ? ""
                    : " AND (created_utc, seq) >= ('" + Instant.ofEpochSecond(floor[0]) + "'::timestamptz, " + floor[1] + ")";
            String second = walks(further, condition + floorCondition, count);
            script.append(second).append(";\n");
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(second)) {
                while (rs.next()) {
                    found.add(new long[] {rs.getObject(2, OffsetDateTime.class).toEpochSecond(), rs.getLong(3)});
                }
            }
        }
        List<String> seqs = found.stream().sorted(newestFirst).map(p -> p[1]).distinct().limit(count)
                .map(String::valueOf).toList();
        return script.append("SELECT ").append(MESSAGE_COLUMNS).append(", seq FROM message WHERE seq = ANY('{")
                .append(String.join(",", seqs)).append("}'::bigint[]) ORDER BY created_utc DESC, seq DESC;\n").toString();
    }

    /** One LATERAL walk per thread, as JdbiMessageRepository.newestOfEach sends it on PostgreSQL. */
    static String walks(List<UUID> threadIds, String condition, int perThread) {
        return "SELECT thread_id, created_utc, seq FROM unnest('{"
                + String.join(",", threadIds.stream().map(UUID::toString).toList()) + "}'::uuid[]) AS asked(id)"
                + " CROSS JOIN LATERAL (SELECT thread_id, created_utc, seq FROM message WHERE thread_id = asked.id"
                + condition + " ORDER BY thread_id DESC, created_utc DESC, seq DESC LIMIT " + perThread + ") newest";
    }

    /** The message's {@code (created_utc, seq)} as an SQL row literal. */
    static String messagePosition(Connection db, String messageId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT extract(epoch FROM created_utc)::bigint, seq FROM message WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(messageId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return "(to_timestamp(" + rs.getLong(1) + "), " + rs.getLong(2) + ")";
            }
        }
    }

    /** The thread's {@code (created_utc, seq)} as an SQL row literal, as the server binds a remembered Cursor. */
    static String cursorPosition(Connection db, String threadId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT extract(epoch FROM created_utc)::bigint, seq FROM message_thread WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(threadId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return "(to_timestamp(" + rs.getLong(1) + "), " + rs.getLong(2) + ")";
            }
        }
    }

    void write(String scenario, String name, String sql) throws IOException {
        Path dir = out.resolve("pgbench").resolve(scenario);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[datagen %s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(Locale.ROOT, format, args));
    }

    static {
        // Silence Flyway's and Hikari's INFO lines.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
