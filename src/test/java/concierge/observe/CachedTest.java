package concierge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The outbox's metrics are read at most once per interval, however often they are scraped. */
class CachedTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    private Cached<Integer> cached(Runnable read) {
        return new Cached<>("a test value", () -> {
            read.run();
            return reads.incrementAndGet();
        }, Duration.ofSeconds(5), now::get);
    }

    @Test
    void aScraperInALoopCausesOneReadPerInterval() {
        Cached<Integer> cached = cached(() -> { });

        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(Duration.ofMillis(1).toNanos());
            cached.get();
        }

        assertThat(reads).as("10 s of scrapes every millisecond").hasValue(2);
    }

    @Test
    void theValueIsTheLastReadUntilTheIntervalHasPassed() {
        Cached<Integer> cached = cached(() -> { });

        assertThat(cached.get()).contains(1);
        now.addAndGet(Duration.ofMillis(4999).toNanos());
        assertThat(cached.get()).contains(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cached.get()).contains(2);
    }

    @Test
    void aFailedReadGivesNothingAndIsNotRetriedBeforeTheInterval() {
        AtomicInteger failures = new AtomicInteger();
        Cached<Integer> cached = cached(() -> {
            failures.incrementAndGet();
            throw new IllegalStateException("the database is down");
        });

        assertThat(cached.get()).isEmpty();
        assertThat(cached.get()).isEmpty();
        assertThat(failures).hasValue(1);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cached.get()).isEmpty();
        assertThat(failures).hasValue(2);
    }
}
