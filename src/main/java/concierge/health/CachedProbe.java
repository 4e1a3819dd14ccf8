package concierge.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A check of something this instance depends on (the database), cheap to ask as often as anyone
 * likes: a health endpoint is public, and a caller may ask in a loop. At most one check runs at a
 * time, on a virtual thread of its own; a result is reused for {@code freshFor} from when its check
 * began; and a caller waits at most {@code timeout} for a check in progress, which then counts as a
 * failure (the check goes on and its answer serves later callers).
 */
public final class CachedProbe {

    /** {@code up}, or why not, in words fit for anyone to read (no host names, no driver messages). */
    public record Result(boolean up, String reason) {

        static Result ok() {
            return new Result(true, null);
        }
    }

    private final BooleanSupplier check;
    private final Duration timeout;
    private final long freshForNanos;
    private final LongSupplier nanoTime;
    private CompletableFuture<Result> latest;
    private long latestStartedAt;

    public CachedProbe(BooleanSupplier check, Duration timeout, Duration freshFor, LongSupplier nanoTime) {
        this.check = check;
        this.timeout = timeout;
        this.freshForNanos = freshFor.toNanos();
        this.nanoTime = nanoTime;
    }

    public Result now() {
        CompletableFuture<Result> current = currentCheck();
        try {
            return current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Result(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } catch (ExecutionException e) {
            return new Result(false, "the check failed");
        }
    }

    private synchronized CompletableFuture<Result> currentCheck() {
        long now = nanoTime.getAsLong();
        if (latest == null || (latest.isDone() && now - latestStartedAt >= freshForNanos)) {
            latestStartedAt = now;
            CompletableFuture<Result> started = new CompletableFuture<>();
            Thread.ofVirtual().name("health-check").start(() -> {
                try {
                    started.complete(check.getAsBoolean() ? Result.ok() : new Result(false, "not reachable"));
                } catch (Throwable e) {
                    started.complete(new Result(false, "not reachable"));
                }
            });
            latest = started;
        }
        return latest;
    }
}
