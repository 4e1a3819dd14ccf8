package concierge.auth;

import concierge.ids.EnterpriseId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers found credentials for a short time, so most requests skip the token lookup, a database
 * round trip that was 15-22% of the server's CPU on the read path (bench/results/2026-11-25/LATEST.md).
 *
 * <p>Tokens that were not found are remembered as unknown for the same time, in a table of their
 * own, so a caller repeating a wrong token costs one lookup per time to live, and a flood of distinct
 * wrong tokens cannot push the found ones out. {@link #forgetAll()} is called whenever this instance
 * changes which tokens work (issues, disables or revokes one), so the change holds here from the next
 * request; other instances sharing the database see it within the time to live.
 */
public final class CachedCredentials implements Credentials {

    /** Beyond this many remembered tokens, everything is forgotten and lookups start afresh. */
    static final int MAX_ENTRIES = 100_000;
    /**
     * The same for tokens remembered as unknown (a 64-character hash and an entry, ~200 bytes: under
     * 2 MB each for integrations and staff). Unknown tokens come from mistakes and guesses, which the
     * throttle on failed authentications holds to a few per address and minute; 10,000 covers the
     * repeats that matter (a misconfigured client retrying) without letting guesses take more memory.
     */
    static final int MAX_UNKNOWN_ENTRIES = 10_000;

    private final Credentials source;
    private final int maxEntries;
    private final int maxUnknownEntries;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final Memory<IntegrationCredentials> integrations = new Memory<>();
    private final Memory<EnterpriseId> staff = new Memory<>();
    /**
     * Moves on every forgetAll(). An entry is served only while the generation it was read in is
     * current, so a lookup that raced a forgetAll() can store what it read but never serve it.
     */
    private final AtomicLong generation = new AtomicLong();

    public CachedCredentials(Credentials source, Duration timeToLive, LongSupplier nanoTime) {
        this(source, timeToLive, nanoTime, MAX_ENTRIES, MAX_UNKNOWN_ENTRIES);
    }

    CachedCredentials(Credentials source, Duration timeToLive, LongSupplier nanoTime, int maxEntries,
                      int maxUnknownEntries) {
        this.source = source;
        this.maxEntries = maxEntries;
        this.maxUnknownEntries = maxUnknownEntries;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<IntegrationCredentials> findIntegration(String accessTokenHash) {
        return find(integrations, accessTokenHash, source::findIntegration);
    }

    @Override
    public Optional<EnterpriseId> findStaffEnterprise(String staffTokenHash) {
        return find(staff, staffTokenHash, source::findStaffEnterprise);
    }

    /** Credentials changed in the database: look every token up again. */
    public void forgetAll() {
        generation.incrementAndGet();
        integrations.clear();
        staff.clear();
    }

    private <T> Optional<T> find(Memory<T> memory, String hash, Function<String, Optional<T>> lookup) {
        long now = nanoTime.getAsLong();
        long currentGeneration = generation.get();
        Remembered<T> hit = memory.found.get(hash);
        if (isFresh(hit, now, currentGeneration)) {
            return Optional.of(hit.value());
        }
        Remembered<T> miss = memory.unknown.get(hash);
        if (isFresh(miss, now, currentGeneration)) {
            return Optional.empty();
        }
        Optional<T> found = lookup.apply(hash);
        if (timeToLiveNanos > 0) {
            if (found.isPresent()) {
                remember(memory.found, maxEntries, hash, new Remembered<>(found.get(), now, currentGeneration));
                memory.unknown.remove(hash);
            } else {
                remember(memory.unknown, maxUnknownEntries, hash, new Remembered<>(null, now, currentGeneration));
                memory.found.remove(hash);
            }
        }
        return found;
    }

    private boolean isFresh(Remembered<?> entry, long now, long currentGeneration) {
        return entry != null && entry.generation() == currentGeneration && now - entry.readAtNanos() < timeToLiveNanos;
    }

    private static <T> void remember(ConcurrentHashMap<String, Remembered<T>> table, int max, String hash,
                                     Remembered<T> entry) {
        if (table.size() >= max) {
            table.clear();
        }
        table.put(hash, entry);
    }

    /** What was read per token hash: found credentials, and hashes that were not found ({@code value} null). */
    private static final class Memory<T> {
        final ConcurrentHashMap<String, Remembered<T>> found = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Remembered<T>> unknown = new ConcurrentHashMap<>();

        void clear() {
            found.clear();
            unknown.clear();
        }
    }

    private record Remembered<T>(T value, long readAtNanos, long generation) {
    }
}
