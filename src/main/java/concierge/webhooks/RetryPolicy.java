package concierge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code firstRetry}, capped at
 * {@code maxRetry}, with ±20 % jitter so that many failing batches do not retry in lockstep; no
 * more tries once the oldest event is {@code giveUpAfter} old.
 */
public record RetryPolicy(Duration firstRetry, Duration maxRetry, Duration giveUpAfter) {

    public Instant nextAttempt(Instant now, int attemptsMade, RandomGenerator random) {
        double backoff = firstRetry.toMillis() * Math.pow(2, Math.max(0, attemptsMade - 1));
        double capped = Math.min(backoff, maxRetry.toMillis());
        double jittered = capped * (0.8 + 0.4 * random.nextDouble());
        return now.plusMillis(Math.max(1, Math.round(jittered)));
    }

    public boolean shouldGiveUp(Instant now, Instant oldestEventUtc) {
        return !now.isBefore(oldestEventUtc.plus(giveUpAfter));
    }
}
