package concierge.limits;

import concierge.auth.Tokens;
import concierge.errors.TooManyRequestsException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Spends one request of a token's budget before any database work, the token lookup included; over
 * the limit the request is refused with 429. Unknown tokens spend a budget too, so a flood of
 * requests with one guessed token never reaches the database. Keys are token hashes, so no token is
 * ever sent to Redis.
 */
public final class TokenBudget {

    private final RateLimiter limiter;
    private final int limit;
    private final int windowSeconds;
    private final String tokenName;
    private final LongAdder refused = new LongAdder();

    /** @param tokenName what the error message calls the token ("AccessToken", "staff token") */
    public TokenBudget(RateLimiter limiter, int limit, int windowSeconds, String tokenName) {
        this.limiter = limiter;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.tokenName = tokenName;
    }

    public void spend(String token) {
        RateLimiter.Decision decision = limiter.tryAcquire(Tokens.hash(token));
        if (!decision.allowed()) {
            refused.increment();
            throw new TooManyRequestsException(decision.retryAfterSeconds(), limit, windowSeconds, tokenName);
        }
    }

    /** Requests refused with 429 by this budget since start (for the metrics). */
    public long refused() {
        return refused.sum();
    }
}
