package concierge.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The same sliding-window log, shared by every instance through Redis: one sorted set per key,
 * scored by acceptance time, trimmed and checked atomically in a Lua script that reads Redis's own
 * clock (so instances with skewed clocks still share one window). If Redis cannot be reached the
 * request is allowed (fail open) and the failure is logged and counted: an outage of the limiter
 * must not become an outage of the API.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisRateLimiter.class.getName());

    /** KEYS[1] the window; ARGV limit, window in microseconds, a unique member. Returns {allowed, waitMicros}. */
    private static final String SCRIPT = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < limit then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
              return {1, 0}
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {0, tonumber(oldest[2]) + window - now}
            """;

    private final int limit;
    private final long windowMicros;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final AtomicLong failuresAllowed = new AtomicLong();

    public RedisRateLimiter(String redisUrl, int limit, Duration window) {
        this.limit = limit;
        this.windowMicros = window.toNanos() / 1000;
        this.client = RedisClient.create(redisUrl);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(500)))
                .build());
        this.connection = client.connect();
    }

    @Override
    public Decision tryAcquire(String key) {
        try {
            // EVAL rather than EVALSHA: Redis caches the compiled script anyway, and a restarted
            // Redis (empty script cache) needs no special case.
            List<Long> result = connection.sync().eval(SCRIPT, ScriptOutputType.MULTI,
                    new String[] {"concierge:rate:" + key},
                    Integer.toString(limit), Long.toString(windowMicros), UUID.randomUUID().toString());
            if (result.get(0) == 1L) {
                return Decision.ALLOWED;
            }
            return Decision.refused((result.get(1) + 999) / 1000);
        } catch (RuntimeException e) {
            long failures = failuresAllowed.incrementAndGet();
            if (failures == 1 || failures % 1000 == 0) {
                LOG.log(Level.WARNING, "Redis rate limiter unavailable, allowing the request (fail open; "
                        + failures + " so far): " + e);
            }
            return Decision.ALLOWED;
        }
    }

    /** Requests allowed because Redis could not be asked (a metric for operators). */
    public long failuresAllowed() {
        return failuresAllowed.get();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
