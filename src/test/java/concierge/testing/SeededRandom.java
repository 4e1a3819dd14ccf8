package concierge.testing;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Our small property-test harness: a {@link Random} whose seed is printed, so any failure can be
 * replayed with {@code -Dconcierge.seed=N}. The seed comes from that property, else from the clock.
 */
public final class SeededRandom extends Random {

    private final long seed;
    private final String label;

    private SeededRandom(long seed, String label) {
        super(seed * 31 + label.hashCode());
        this.seed = seed;
        this.label = label;
    }

    /** A new generator; prints its seed and how to replay it. */
    public static SeededRandom create(String testName) {
        Long fixed = Long.getLong("concierge.seed");
        long seed = fixed != null ? fixed : System.nanoTime();
        System.out.println("property seed: " + seed + " — rerun with -Dconcierge.seed=" + seed + " (" + testName + ")");
        return new SeededRandom(seed, "");
    }

    /** A generator of its own for one part of a test (say, one operation), still replayed by the same seed. */
    public SeededRandom fork(String part) {
        return new SeededRandom(seed, label.isEmpty() ? part : label + " / " + part);
    }

    public long seed() {
        return seed;
    }

    /** How many iterations to run: the system property if set, else {@code defaultCount}. */
    public static int iterations(String property, int defaultCount) {
        return Integer.getInteger(property, defaultCount);
    }

    /** What a failure message starts with: the seed, how to replay it, and where it happened. */
    public String where(String step) {
        String part = label.isEmpty() ? "" : " (" + label + ")";
        return "[seed " + seed + part + ", rerun with -Dconcierge.seed=" + seed + "; " + step + "] ";
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** Any 128 bits in UUID form (not necessarily version 4), drawn from the seed. */
    public UUID uuid() {
        return new UUID(nextLong(), nextLong());
    }

    @SafeVarargs
    public final <T> T pick(T... items) {
        return items[nextInt(items.length)];
    }
}
