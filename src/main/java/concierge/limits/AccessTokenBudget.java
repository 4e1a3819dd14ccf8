package concierge.limits;

import concierge.auth.Tokens;
import concierge.errors.TooManyRequestsException;

/**
 * Spends one request of an AccessToken's budget before any database work; over the limit the
 * request is refused with 429. Keys are token hashes, so no token is ever sent to Redis.
 */
public final class AccessTokenBudget {

    private final RateLimiter limiter;
    private final int limit;
    private final int windowSeconds;

    public AccessTokenBudget(RateLimiter limiter, int limit, int windowSeconds) {
        this.limiter = limiter;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    public void spend(String accessToken) {
        RateLimiter.Decision decision = limiter.tryAcquire(Tokens.hash(accessToken));
        if (!decision.allowed()) {
            throw new TooManyRequestsException(decision.retryAfterSeconds(), limit, windowSeconds);
        }
    }
}
