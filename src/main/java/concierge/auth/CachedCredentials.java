package concierge.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers found credentials for a short time, so most requests skip the token lookup, a database
 * round trip that was 15-22% of the server's CPU on the read path (bench/results/2026-11-25/LATEST.md).
 *
 * <p>Tokens that were not found are not remembered: a new token works at once, and unknown tokens
 * cannot fill the memory. {@link #forgetAll()} is called when this instance disables an
 * integration, so the change holds here from the next request; other instances sharing the database
 * see it within the time to live.
 */
public final class CachedCredentials implements Credentials {

    /** Beyond this many remembered tokens, everything is forgotten and lookups start afresh. */
    static final int MAX_ENTRIES = 100_000;

    private final Credentials source;
    private final int maxEntries;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Remembered<IntegrationCredentials>> integrations =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Remembered<UUID>> staff = new ConcurrentHashMap<>();
    /**
     * Moves on every forgetAll(). An entry is served only while the generation it was read in is
     * current, so a lookup that raced a forgetAll() can store what it read but never serve it.
     */
    private final AtomicLong generation = new AtomicLong();

    public CachedCredentials(Credentials source, Duration timeToLive, LongSupplier nanoTime) {
        this(source, timeToLive, nanoTime, MAX_ENTRIES);
    }

    CachedCredentials(Credentials source, Duration timeToLive, LongSupplier nanoTime, int maxEntries) {
        this.source = source;
        this.maxEntries = maxEntries;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<IntegrationCredentials> findIntegration(String accessTokenHash) {
        return find(integrations, accessTokenHash, source::findIntegration);
    }

    @Override
    public Optional<UUID> findStaffEnterprise(String staffTokenHash) {
        return find(staff, staffTokenHash, source::findStaffEnterprise);
    }

    /** Credentials changed in the database: look every token up again. */
    public void forgetAll() {
        generation.incrementAndGet();
        integrations.clear();
        staff.clear();
    }

    private <T> Optional<T> find(ConcurrentHashMap<String, Remembered<T>> remembered, String hash,
                                 Function<String, Optional<T>> lookup) {
        long now = nanoTime.getAsLong();
        long currentGeneration = generation.get();
        Remembered<T> hit = remembered.get(hash);
        if (hit != null && hit.generation() == currentGeneration && now - hit.readAtNanos() < timeToLiveNanos) {
            return Optional.of(hit.value());
        }
        Optional<T> found = lookup.apply(hash);
        if (found.isPresent() && timeToLiveNanos > 0) {
            if (remembered.size() >= maxEntries) {
                remembered.clear();
            }
            remembered.put(hash, new Remembered<>(found.get(), now, currentGeneration));
        } else if (hit != null) {
            remembered.remove(hash, hit);
        }
        return found;
    }

    private record Remembered<T>(T value, long readAtNanos, long generation) {
    }
}
