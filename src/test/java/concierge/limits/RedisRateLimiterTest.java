package concierge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The shared sliding-window log against the real Redis (spec README D16): the same window rules as
 * in process, one budget for several limiters, and fail open when Redis cannot be reached. Real
 * time: windows are long where expiry does not matter, and short (2 to 4 s) where it does; every
 * wait is derived from the limiter's own Retry-After, never from a guess.
 */
@Isolated("real time: every Redis call must answer within the limiter's 500 ms or it is allowed (fail open),"
        + " and the windows are 2 to 4 s long; a busy machine breaks both")
class RedisRateLimiterTest {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String url;
    private String prefix;

    @BeforeEach
    void connect() {
        url = TestRedis.url();
        prefix = "test-" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private RedisRateLimiter limiter(String redisUrl, int limit, Duration window) {
        RedisRateLimiter limiter = new RedisRateLimiter(redisUrl, limit, window);
        opened.add(limiter);
        return limiter;
    }

    /**
     * A limiter on the real Redis, once it has connected: until then it would allow every request
     * (fail open), which these tests must not mistake for the window's rules.
     */
    private RedisRateLimiter limiter(int limit, Duration window) {
        RedisRateLimiter limiter = limiter(url, limit, window);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            long failures = limiter.failuresAllowed();
            limiter.tryAcquire(prefix + "warm-up");
            if (limiter.failuresAllowed() == failures) {
                return limiter;
            }
            assertThat(System.nanoTime() - deadline).as("connected to Redis at %s within 30 s", url).isNegative();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static int acceptedOf(RateLimiter limiter, String key, int attempts) {
        int accepted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(key).allowed()) {
                accepted++;
            }
        }
        return accepted;
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(Math.max(0, millis));
    }

    // ----- the window rules

    @Test
    void acceptsExactlyTheLimitThenRefuses() {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(60));
        String key = prefix + "token";

        assertThat(acceptedOf(limiter, key, 5)).isEqualTo(5);
        assertThat(limiter.tryAcquire(key).allowed()).isFalse();
    }

    @Test
    void keysHaveIndependentBudgets() {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(60));
        assertThat(acceptedOf(limiter, prefix + "first", 10)).isEqualTo(5);

        assertThat(acceptedOf(limiter, prefix + "second", 10)).isEqualTo(5);
        assertThat(limiter.tryAcquire(prefix + "first").allowed()).isFalse();
    }

    @Test
    void retryAfterIsTheTimeUntilTheOldestCountedRequestLeaves() {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(60));
        String key = prefix + "token";
        long before = System.nanoTime();
        acceptedOf(limiter, key, 5);

        RateLimiter.Decision refused = limiter.tryAcquire(key);
        long elapsedMillis = (System.nanoTime() - before) / 1_000_000 + 1;

        // The first request was accepted after `before`, the refusal decided before now.
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isBetween(60_000 - elapsedMillis, 60_000L);
        assertThat(refused.retryAfterSeconds()).isBetween((60_000 - elapsedMillis) / 1000, 60L);
    }

    @Test
    void acceptsAgainOnceTheOldestRequestLeavesTheWindow() throws InterruptedException {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(2));
        String key = prefix + "token";
        acceptedOf(limiter, key, 5);
        RateLimiter.Decision refused = limiter.tryAcquire(key);
        assertThat(refused.allowed()).isFalse();

        sleep(refused.retryAfterMillis() + 20);

        assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    }

    @Test
    void refusedRequestsAreNotCounted() throws InterruptedException {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(2));
        String key = prefix + "token";
        acceptedOf(limiter, key, 5);
        RateLimiter.Decision last = null;
        for (int i = 0; i < 20; i++) {
            last = limiter.tryAcquire(key);
            assertThat(last.allowed()).as("refusal %d", i).isFalse();
            sleep(50);
        }

        // Had the refusals of the last second been logged, they would still fill the window.
        sleep(last.retryAfterMillis() + 20);

        assertThat(limiter.tryAcquire(key).allowed()).isTrue();
    }

    @Test
    void slotsFreeOneByOneAsTheirRequestsLeaveTheWindow() throws InterruptedException {
        RedisRateLimiter limiter = limiter(5, Duration.ofSeconds(4));
        String key = prefix + "token";
        assertThat(acceptedOf(limiter, key, 1)).isEqualTo(1);
        sleep(2_000);
        long laterFour = System.nanoTime();
        assertThat(acceptedOf(limiter, key, 4)).isEqualTo(4);
        RateLimiter.Decision refused = limiter.tryAcquire(key);
        assertThat(refused.allowed()).isFalse();

        sleep(refused.retryAfterMillis() + 20);
        boolean firstAccepted = limiter.tryAcquire(key).allowed();
        boolean secondAccepted = limiter.tryAcquire(key).allowed();

        Assumptions.assumeTrue(System.nanoTime() - laterFour < 3_900_000_000L,
                "the machine was too slow to observe the later four requests inside their window");
        assertThat(firstAccepted).as("the first request has left").isTrue();
        assertThat(secondAccepted).as("the later four are still in the window").isFalse();
    }

    @Test
    void concurrentCallersOnTwoLimitersShareOneBudget() throws Exception {
        List<RedisRateLimiter> instances = List.of(limiter(5, Duration.ofSeconds(60)), limiter(5, Duration.ofSeconds(60)));
        String key = prefix + "token";
        List<Callable<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RedisRateLimiter instance = instances.get(i % 2);
            callers.add(() -> acceptedOf(instance, key, 10));
        }

        int accepted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> result : pool.invokeAll(callers)) {
                accepted += result.get();
            }
        }

        assertThat(accepted).isEqualTo(5);
    }

    // ----- fail open

    @Test
    void allowsEveryRequestWhenRedisIsUnreachable() {
        RedisRateLimiter limiter = limiter(TestRedis.unreachableUrl(), 5, Duration.ofSeconds(60));

        assertThat(acceptedOf(limiter, prefix + "token", 10)).isEqualTo(10);
        assertThat(limiter.failuresAllowed()).isEqualTo(10);
    }

    @Test
    void startsLimitingOnceRedisBecomesReachable() throws Exception {
        String unreachable = TestRedis.unreachableUrl();
        RedisRateLimiter limiter = limiter(unreachable, 5, Duration.ofSeconds(60));
        String key = prefix + "token";
        assertThat(acceptedOf(limiter, key, 10)).isEqualTo(10);

        try (RedisProxy ignored = new RedisProxy(URI.create(unreachable).getPort(), URI.create(url))) {
            boolean refused = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!refused && System.nanoTime() < deadline) {
                refused = !limiter.tryAcquire(key).allowed();
                sleep(refused ? 0 : 100);
            }
            assertThat(refused).as("a request refused once Redis answers").isTrue();
        }
    }

    /** Forwards a local port to Redis, byte for byte: Redis "appearing" on a port that was dead. */
    private static final class RedisProxy implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> sockets = new ArrayList<>();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        RedisProxy(int port, URI redis) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            threads.submit(() -> {
                while (!server.isClosed()) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(redis.getHost(), redis.getPort());
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(upstream);
                    }
                    threads.submit(() -> pipe(client.getInputStream(), upstream.getOutputStream()));
                    threads.submit(() -> pipe(upstream.getInputStream(), client.getOutputStream()));
                }
                return null;
            });
        }

        private static Void pipe(InputStream in, OutputStream out) throws IOException {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                out.flush();
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            threads.shutdownNow();
        }
    }
}
