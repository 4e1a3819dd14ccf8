package concierge.limits;

import concierge.errors.TooManyRequestsException;
import concierge.errors.UnauthorizedException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Throttles token guessing per client address: once an address has failed to authenticate
 * {@code limit} times within {@code window} of its first counted failure, its requests are refused
 * with 429 until that window ends, before any token is checked, so a blocked address cannot even try
 * the right one. Other addresses are not affected, and successes are not counted. Each address holds
 * one count and one start time, whatever the limit.
 *
 * <p>An IPv6 address counts by its /64 prefix, the block one host or site is given, so a single
 * machine cannot take a fresh address for every guess. Counts live in this process: instances behind
 * a load balancer each allow {@code limit} failures per address.
 */
public final class FailedAuthentications {

    /**
     * Addresses with failures in their window that are remembered (about 150 bytes each, so under
     * ~8 MB in all); beyond this, failures from further addresses are not counted until expired ones
     * are swept out, so a flood from many addresses cannot grow the table. 50,000 addresses failing
     * within one window is a distributed attack, which a per-address throttle cannot stop anyway.
     */
    static final int MAX_ADDRESSES = 50_000;

    /** Bytes of an IPv6 address that name its /64 network. */
    private static final int IPV6_PREFIX_BYTES = 8;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final int maxAddresses;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;
    private final LongAdder refused = new LongAdder();

    public FailedAuthentications(int limit, Duration window, LongSupplier nanoTime) {
        this(limit, window, nanoTime, MAX_ADDRESSES);
    }

    FailedAuthentications(int limit, Duration window, LongSupplier nanoTime, int maxAddresses) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.maxAddresses = maxAddresses;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Runs {@code authenticate} for a caller at {@code address}, unless the address is blocked (429);
     * a 401 from it counts as one failure of the address.
     */
    public <T> T guard(InetAddress address, Supplier<T> authenticate) {
        String key = keyOf(address);
        refuseWhenBlocked(key);
        try {
            return authenticate.get();
        } catch (UnauthorizedException e) {
            recordFailure(key);
            throw e;
        }
    }

    /** Requests refused with 429 because their address failed too often, since start (for the metrics). */
    public long refused() {
        return refused.sum();
    }

    private void refuseWhenBlocked(String key) {
        long now = nanoTime.getAsLong();
        Failures counted = failures.get(key);
        if (counted == null || !counted.isCurrent(now, windowNanos) || counted.count() < limit) {
            return;
        }
        long waitNanos = counted.firstNanos() + windowNanos - now;
        long seconds = Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000);
        refused.increment();
        throw new TooManyRequestsException("Too many requests: this address failed to authenticate " + limit
                + " times within " + windowNanos / 1_000_000_000 + " seconds. Retry after " + seconds + " s.",
                seconds);
    }

    private void recordFailure(String key) {
        long now = nanoTime.getAsLong();
        sweepOncePerWindow(now);
        if (failures.size() >= maxAddresses && !failures.containsKey(key)) {
            return;
        }
        failures.merge(key, new Failures(now, 1), (counted, first) -> counted.isCurrent(now, windowNanos)
                ? new Failures(counted.firstNanos(), counted.count() + 1)
                : first);
    }

    /** Addresses whose window has ended are dropped, by one caller at most once a window. */
    private void sweepOncePerWindow(long now) {
        long last = lastSweep.get();
        if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        failures.values().removeIf(counted -> !counted.isCurrent(now, windowNanos));
    }

    static String keyOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, IPV6_PREFIX_BYTES, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    /** {@code count} failures since {@code firstNanos}; they count until one window after it. */
    private record Failures(long firstNanos, int count) {

        boolean isCurrent(long now, long windowNanos) {
            return now - firstNanos < windowNanos;
        }
    }
}
