package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The in-process sliding-window log (spec README D16, connector-api-notes §9) on a fake nano clock:
 * at most {@code limit} accepted requests in any span of one window, edges included.
 */
class InProcessRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLISECOND = 1_000_000L;

    /** A nano clock the test moves by hand; it starts at an arbitrary origin, like System.nanoTime. */
    private static final class FakeClock implements LongSupplier {

        private final long origin;
        private long now;

        FakeClock(long origin) {
            this.origin = origin;
            this.now = origin;
        }

        /** Sets the time to {@code nanos} after the origin. */
        void at(long nanos) {
            now = origin + nanos;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private final FakeClock clock = new FakeClock(123_456_789_000L);

    private InProcessRateLimiter limiter(int limit, int windowSeconds) {
        return new InProcessRateLimiter(limit, Duration.ofSeconds(windowSeconds), clock);
    }

    private static int acceptedOf(InProcessRateLimiter limiter, String key, int attempts) {
        int accepted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(key).allowed()) {
                accepted++;
            }
        }
        return accepted;
    }

    // ----- the limit within one window

    @Test
    void acceptsExactlyTheLimitInOneWindowAndRefusesTheNext() {
        InProcessRateLimiter limiter = limiter(5, 30);
        for (int i = 0; i < 5; i++) {
            clock.at(i * SECOND);
            assertThat(limiter.tryAcquire("token").allowed()).as("request %d", i + 1).isTrue();
        }

        clock.at(5 * SECOND);
        assertThat(limiter.tryAcquire("token").allowed()).isFalse();
    }

    @Test
    void requestExactlyOneWindowAfterTheFirstIsAcceptedAgain() {
        InProcessRateLimiter limiter = limiter(2, 30);
        clock.at(0);
        limiter.tryAcquire("token");
        clock.at(10 * SECOND);
        limiter.tryAcquire("token");

        clock.at(30 * SECOND);

        assertThat(limiter.tryAcquire("token").allowed()).isTrue();
    }

    @Test
    void requestOneNanosecondBeforeTheFirstLeavesTheWindowIsRefused() {
        InProcessRateLimiter limiter = limiter(2, 30);
        clock.at(0);
        limiter.tryAcquire("token");
        clock.at(10 * SECOND);
        limiter.tryAcquire("token");

        clock.at(30 * SECOND - 1);

        assertThat(limiter.tryAcquire("token").allowed()).isFalse();
    }

    @Test
    void refusedRequestsAreNotCounted() {
        InProcessRateLimiter limiter = limiter(3, 10);
        clock.at(0);
        assertThat(acceptedOf(limiter, "token", 3)).isEqualTo(3);
        for (long t = 1; t < 10; t++) {
            clock.at(t * SECOND);
            assertThat(acceptedOf(limiter, "token", 50)).as("at %d s", t).isZero();
        }

        clock.at(10 * SECOND);

        // Had the 450 refusals been logged, they would still fill the window now.
        assertThat(acceptedOf(limiter, "token", 10)).isEqualTo(3);
    }

    @Test
    void keysHaveIndependentBudgets() {
        InProcessRateLimiter limiter = limiter(3, 30);
        clock.at(0);
        assertThat(acceptedOf(limiter, "first", 10)).isEqualTo(3);

        assertThat(acceptedOf(limiter, "second", 10)).isEqualTo(3);
        assertThat(acceptedOf(limiter, "first", 1)).isZero();
    }

    // ----- a true sliding window, not a bucket

    @Test
    void isASlidingWindowNotABucket_200In30Seconds() {
        InProcessRateLimiter limiter = limiter(200, 30);
        clock.at(0);
        assertThat(acceptedOf(limiter, "token", 200)).isEqualTo(200);

        // A bucket refilling gradually would have admitted about 100 more by half time.
        clock.at(15 * SECOND);
        assertThat(acceptedOf(limiter, "token", 1)).isZero();
        clock.at(30 * SECOND - MILLISECOND);
        assertThat(acceptedOf(limiter, "token", 1)).isZero();

        clock.at(30 * SECOND);
        assertThat(acceptedOf(limiter, "token", 201)).isEqualTo(200);
    }

    @Test
    void slotsFreeOneByOneAsTheirRequestsLeaveTheWindow() {
        InProcessRateLimiter limiter = limiter(3, 30);
        for (int i = 0; i < 3; i++) {
            clock.at(i * 10 * SECOND);
            limiter.tryAcquire("token");
        }

        clock.at(30 * SECOND);
        assertThat(acceptedOf(limiter, "token", 5)).as("only the request of t=0 has left").isEqualTo(1);
        clock.at(40 * SECOND);
        assertThat(acceptedOf(limiter, "token", 5)).as("only the request of t=10 s has left").isEqualTo(1);
    }

    @Test
    void neverAcceptsMoreThanTheLimitInAnySpanOfRandomArrivals() {
        long seed = seed();
        Run run = randomRun(seed);

        List<Long> accepted = run.acceptedAt();
        for (int i = 0; i + 200 < accepted.size(); i++) {
            long span = accepted.get(i + 200) - accepted.get(i);
            assertThat(span).as("seed %d: 201 accepted requests from #%d within %d ns", seed, i, span)
                    .isGreaterThanOrEqualTo(30 * SECOND);
        }
        assertThat(run.refused()).as("seed %d: the arrivals must hit the limit to prove anything", seed)
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void acceptsEveryRandomArrivalThatFindsRoomInItsWindow() {
        long seed = seed();
        Run run = randomRun(seed);

        assertThat(run.disagreements()).as("seed %d: decisions that differ from the plain model", seed).isEmpty();
        assertThat(run.acceptedAt().size()).as("seed %d", seed).isGreaterThanOrEqualTo(200);
    }

    /** Printed, so a failure can be replayed with {@code -Dconcierge.seed=N}. */
    private static long seed() {
        Long fixed = Long.getLong("concierge.seed");
        long seed = fixed != null ? fixed : System.nanoTime();
        System.out.println("InProcessRateLimiterTest random arrivals: seed " + seed + ", rerun with -Dconcierge.seed=" + seed);
        return seed;
    }

    private record Run(List<Long> acceptedAt, int refused, List<String> disagreements) {
    }

    /**
     * Feeds 5,000 arrivals to a 200/30 s limiter and compares every decision with a plain model:
     * accept when fewer than 200 accepted requests lie in (t - 30 s, t]. The arrivals cycle through
     * phases of 300 to 600 requests: a burst (gaps up to 2 ms), the limit's own pace (gaps up to
     * 300 ms) and a slow phase (gaps up to 1 s); after a refusal, one arrival in five is placed exactly
     * on, or one nanosecond before, the moment the oldest counted request leaves the window.
     */
    private Run randomRun(long seed) {
        Random random = new Random(seed);
        InProcessRateLimiter limiter = limiter(200, 30);
        long window = 30 * SECOND;
        long[] maxGaps = {2 * MILLISECOND, 300 * MILLISECOND, SECOND};
        List<Long> accepted = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        int refused = 0;
        boolean lastRefused = false;
        int phase = 0;
        int leftInPhase = random.nextInt(300, 601);
        long t = 0;
        for (int i = 0; i < 5000; i++) {
            if (leftInPhase-- == 0) {
                phase = (phase + 1) % maxGaps.length;
                leftInPhase = random.nextInt(300, 601);
            }
            if (lastRefused && random.nextInt(5) == 0) {
                t = oldestInWindow(accepted, t, window) + window - random.nextInt(2);
            } else {
                t += random.nextLong(0, maxGaps[phase]);
            }
            clock.at(t);
            RateLimiter.Decision decision = limiter.tryAcquire("token");

            long now = t;
            long inWindow = accepted.stream().filter(a -> now - a < window).count();
            if (decision.allowed() != inWindow < 200) {
                disagreements.add("arrival " + i + " at " + t + " ns: " + inWindow + " in window, allowed="
                        + decision.allowed());
            }
            lastRefused = !decision.allowed();
            if (decision.allowed()) {
                accepted.add(t);
            } else if (inWindow >= 200) {
                refused++;
                long left = oldestInWindow(accepted, t, window) + window - t;
                long expectedSeconds = (left + SECOND - 1) / SECOND;
                if (decision.retryAfterSeconds() != expectedSeconds) {
                    disagreements.add("arrival " + i + " at " + t + " ns: Retry-After " + decision.retryAfterSeconds()
                            + ", expected " + expectedSeconds);
                }
            }
        }
        return new Run(accepted, refused, disagreements);
    }

    /** The time of the oldest accepted request still inside the window at {@code t} (t itself if none). */
    private static long oldestInWindow(List<Long> accepted, long t, long window) {
        return accepted.stream().filter(a -> t - a < window).findFirst().orElse(t);
    }

    // ----- Retry-After: whole seconds, rounded up, until the oldest counted request leaves

    @Test
    void retryAfterRoundsAFractionOfASecondUpToOne() {
        InProcessRateLimiter limiter = limiter(1, 30);
        clock.at(0);
        limiter.tryAcquire("token");

        clock.at(29_800 * MILLISECOND); // 0.2 s left

        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void retryAfterRoundsUpJustOverWholeSeconds() {
        InProcessRateLimiter limiter = limiter(1, 30);
        clock.at(0);
        limiter.tryAcquire("token");

        clock.at(SECOND - 100_000); // 29.0001 s left

        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void retryAfterOfExactlyWholeSecondsIsNotRoundedUp() {
        InProcessRateLimiter limiter = limiter(1, 30);
        clock.at(0);
        limiter.tryAcquire("token");

        clock.at(SECOND); // 29 s left

        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).isEqualTo(29);
    }

    @Test
    void retryAfterIsAtLeastOneSecondWhenOneNanosecondIsLeft() {
        InProcessRateLimiter limiter = limiter(1, 30);
        clock.at(0);
        limiter.tryAcquire("token");

        clock.at(30 * SECOND - 1);

        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void retryAfterCountsFromTheOldestCountedRequest() {
        InProcessRateLimiter limiter = limiter(3, 30);
        for (int i = 0; i < 3; i++) {
            clock.at(i * 10 * SECOND);
            limiter.tryAcquire("token");
        }

        clock.at(25 * SECOND);
        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).as("t=0 leaves at 30 s").isEqualTo(5);
        clock.at(30 * SECOND);
        assertThat(limiter.tryAcquire("token").allowed()).isTrue();
        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).as("t=10 s leaves at 40 s").isEqualTo(10);
    }

    // ----- the clock's origin

    @Test
    void worksAcrossTheOverflowOfTheNanoClock() {
        FakeClock nearOverflow = new FakeClock(Long.MAX_VALUE - 10 * SECOND);
        InProcessRateLimiter limiter = new InProcessRateLimiter(1, Duration.ofSeconds(30), nearOverflow);
        nearOverflow.at(0);
        assertThat(limiter.tryAcquire("token").allowed()).isTrue();

        nearOverflow.at(20 * SECOND); // the raw value has wrapped to negative
        assertThat(limiter.tryAcquire("token").allowed()).isFalse();
        assertThat(limiter.tryAcquire("token").retryAfterSeconds()).isEqualTo(10);
        nearOverflow.at(30 * SECOND);
        assertThat(limiter.tryAcquire("token").allowed()).isTrue();
    }
}
