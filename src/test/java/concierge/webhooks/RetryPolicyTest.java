package concierge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries (issue 5 §3, spec README D19): exponential backoff with jitter, capped, and a give-up time. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofHours(24));

    /** A "random" source that always draws {@code value} from [0, 1). */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("the policy draws doubles");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    /** The middle of the jitter range: no jitter at all. */
    private static final RandomGenerator NO_JITTER = always(0.5);

    private static Duration delay(int attemptsMade, RandomGenerator random) {
        return Duration.between(NOW, POLICY.nextAttempt(NOW, attemptsMade, random));
    }

    @Test
    void firstRetryWaitsFirstRetry() {
        assertThat(delay(1, NO_JITTER)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void backoffDoublesWithEachFailedAttempt() {
        List<Duration> delays = new ArrayList<>();
        for (int attempts = 1; attempts <= 6; attempts++) {
            delays.add(delay(attempts, NO_JITTER));
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320));
    }

    @Test
    void backoffIsCappedAtMaxRetry() {
        assertThat(delay(7, NO_JITTER)).as("640 s would exceed the cap").isEqualTo(Duration.ofMinutes(10));
        assertThat(delay(30, NO_JITTER)).isEqualTo(Duration.ofMinutes(10));
        assertThat(delay(100_000, NO_JITTER)).as("no overflow after very many attempts").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterStaysWithinTwentyPercentEitherWay() {
        assertThat(delay(1, always(0.0))).isEqualTo(Duration.ofSeconds(8));
        assertThat(delay(1, always(Math.nextDown(1.0)))).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
        assertThat(delay(30, always(0.0))).as("jitter around the cap").isEqualTo(Duration.ofMinutes(8));
        assertThat(delay(30, always(Math.nextDown(1.0)))).isLessThanOrEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void jitterSpreadsRetriesAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(5);
        long shortest = Long.MAX_VALUE;
        long longest = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long millis = delay(3, random).toMillis();
            shortest = Math.min(shortest, millis);
            longest = Math.max(longest, millis);
        }

        assertThat(shortest).isBetween(32_000L, 33_000L);
        assertThat(longest).isBetween(47_000L, 48_000L);
    }

    @Test
    void givesUpExactlyGiveUpAfterTheOldestEvent() {
        Instant oldest = NOW.minus(Duration.ofHours(24));

        assertThat(POLICY.shouldGiveUp(NOW.minusMillis(1), oldest)).isFalse();
        assertThat(POLICY.shouldGiveUp(NOW, oldest)).isTrue();
        assertThat(POLICY.shouldGiveUp(NOW.plusSeconds(1), oldest)).isTrue();
    }

    @Test
    void youngEventsAreRetried() {
        assertThat(POLICY.shouldGiveUp(NOW, NOW)).isFalse();
        assertThat(POLICY.shouldGiveUp(NOW, NOW.minus(Duration.ofHours(23)))).isFalse();
    }
}
