package concierge.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The same sliding-window log, shared by every instance through Redis: one sorted set per key,
 * scored by acceptance time, trimmed and checked atomically in a Lua script that reads Redis's own
 * clock (so instances with skewed clocks still share one window). If Redis cannot be reached the
 * request is allowed (fail open) and the failure is logged and counted: an outage of the limiter
 * must not become an outage of the API. That includes start-up: a Redis that is down then is
 * connected to later, in the background, at most one attempt a second, while requests are allowed.
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

    /** How long a rate-limit check may wait for Redis before the request is allowed. */
    private static final Duration COMMAND_WAIT = Duration.ofMillis(500);
    /** How long one connection attempt may take; it runs in the background, never in a request. */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(2);
    private static final long CONNECT_PAUSE_NANOS = 1_000_000_000L;

    private final int limit;
    private final long windowMicros;
    private final RedisURI uri;
    private final String where;
    private final RedisClient client;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean connectFailureLogged = new AtomicBoolean();
    private final AtomicLong failuresAllowed = new AtomicLong();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectNanos = System.nanoTime();
    private volatile boolean closed;

    /**
     * Never fails because Redis is down: waits up to {@link #CONNECT_WAIT} for the first connection,
     * and without one starts anyway, allowing requests until a later attempt succeeds.
     */
    public RedisRateLimiter(String redisUrl, int limit, Duration window) {
        this.limit = limit;
        this.windowMicros = window.toNanos() / 1000;
        this.uri = RedisURI.create(redisUrl);
        uri.setTimeout(CONNECT_WAIT);
        this.where = uri.getHost() + ":" + uri.getPort(); // no password in logs
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_WAIT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_WAIT))
                .build());
        try {
            connectInBackground().get(CONNECT_WAIT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logged by the attempt; requests are allowed until a later attempt connects
        }
    }

    /**
     * Starts one connection attempt unless one is running or the last failed less than a second ago.
     * Once connected, Lettuce itself reconnects after any outage.
     */
    private CompletableFuture<?> connectInBackground() {
        if (closed || System.nanoTime() - nextConnectNanos < 0 || !connecting.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt;
        try {
            attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.whenComplete((opened, failure) -> {
            if (failure == null) {
                connection = opened;
                connectFailureLogged.set(false);
                LOG.info("Redis rate limiter connected to " + where);
            } else {
                nextConnectNanos = System.nanoTime() + CONNECT_PAUSE_NANOS;
                if (connectFailureLogged.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "Redis rate limiter cannot connect to " + where
                            + "; requests are allowed until it can (fail open), retrying every second: " + failure);
                }
            }
            connecting.set(false);
        });
    }

    @Override
    public Decision tryAcquire(String key) {
        return acquire("concierge:rate:" + key, limit, windowMicros);
    }

    /**
     * Another budget over the same connection: {@code otherLimit} requests per key in any {@code otherWindow},
     * its keys kept apart from this limiter's by {@code keyPrefix}. Closing this limiter closes it too.
     */
    public RateLimiter alsoLimiting(String keyPrefix, int otherLimit, Duration otherWindow) {
        long otherWindowMicros = otherWindow.toNanos() / 1000;
        return key -> acquire("concierge:rate:" + keyPrefix + key, otherLimit, otherWindowMicros);
    }

    private Decision acquire(String redisKey, int keyLimit, long keyWindowMicros) {
        try {
            StatefulRedisConnection<String, String> connection = this.connection;
            if (connection == null) {
                connectInBackground();
                throw new IllegalStateException("not connected to Redis at " + where);
            }
            // EVAL rather than EVALSHA: Redis caches the compiled script anyway, and a restarted
            // Redis (empty script cache) needs no special case.
            List<Long> result = connection.sync().eval(SCRIPT, ScriptOutputType.MULTI,
                    new String[] {redisKey},
                    Integer.toString(keyLimit), Long.toString(keyWindowMicros), UUID.randomUUID().toString());
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

    /**
     * Whether a connection to Redis is open now, for the health report; asks nothing of Redis. Without
     * one it starts a connection attempt (at most one a second, as requests do).
     */
    public boolean connected() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            connectInBackground();
            return false;
        }
        return current.isOpen();
    }

    /** Requests allowed because Redis could not be asked (fail open), since start: logged, and a metric. */
    public long failuresAllowed() {
        return failuresAllowed.get();
    }

    @Override
    public void close() {
        closed = true;
        client.shutdown(); // closes the connection too, and any that an attempt still in flight opens
    }
}
