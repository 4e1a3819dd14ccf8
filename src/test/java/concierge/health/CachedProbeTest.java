package concierge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A readiness probe asked in a loop asks the database about once a second, never more than once at a time. */
class CachedProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger checks = new AtomicInteger();

    @Test
    void aFreshResultIsReusedWithoutAskingAgain() {
        CachedProbe probe = new CachedProbe(() -> checks.incrementAndGet() > 0, TIMEOUT, FRESH_FOR, clock::get);

        for (int i = 0; i < 100; i++) {
            assertThat(probe.now().up()).isTrue();
            clock.addAndGet(Duration.ofMillis(5).toNanos());
        }

        assertThat(checks).hasValue(1);
    }

    @Test
    void aStaleResultIsCheckedAgain() {
        CachedProbe probe = new CachedProbe(() -> checks.incrementAndGet() > 0, TIMEOUT, FRESH_FOR, clock::get);
        probe.now();

        clock.addAndGet(FRESH_FOR.toNanos());
        probe.now();

        assertThat(checks).hasValue(2);
    }

    @Test
    void aCheckThatAnswersNoIsDownAsNotReachable() {
        CachedProbe probe = new CachedProbe(() -> false, TIMEOUT, FRESH_FOR, clock::get);

        assertThat(probe.now()).isEqualTo(new CachedProbe.Result(false, "not reachable"));
    }

    @Test
    void aCheckThatThrowsIsDownWithoutItsMessage() {
        CachedProbe probe = new CachedProbe(() -> {
            throw new IllegalStateException("jdbc:postgresql://secret-host/db refused");
        }, TIMEOUT, FRESH_FOR, clock::get);

        assertThat(probe.now()).isEqualTo(new CachedProbe.Result(false, "not reachable"));
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsDownAndCallersMeanwhileShareIt() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        CachedProbe probe = new CachedProbe(() -> {
            checks.incrementAndGet();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofMillis(20), FRESH_FOR, clock::get);

        for (int i = 0; i < 5; i++) {
            assertThat(probe.now()).isEqualTo(new CachedProbe.Result(false, "no answer within 20 ms"));
            clock.addAndGet(FRESH_FOR.toNanos()); // stale by now, but still running: not asked again
        }
        stuck.countDown();

        assertThat(checks).hasValue(1);
    }

    @Test
    void aCheckThatAnswersLateServesLaterCallers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CachedProbe probe = new CachedProbe(() -> {
            checks.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofMillis(20), FRESH_FOR, clock::get);
        assertThat(probe.now().up()).isFalse();

        release.countDown();
        boolean up = false;
        for (int i = 0; i < 500 && !up; i++) {
            up = probe.now().up(); // each waits for the same check, which answers as soon as it is scheduled
        }

        assertThat(up).isTrue();
        assertThat(checks).hasValue(1);
    }
}
