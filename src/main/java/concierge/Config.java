package concierge;

import concierge.messaging.JdbiMessageThreadRepository;
import concierge.requestlog.JdbiRequestLogStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Concierge reads from its environment. Each variable is documented in the README.
 *
 * @param adminToken     empty when unset: a random one is generated at start and printed once; when set,
 *                       at least {@link #MIN_ADMIN_TOKEN_LENGTH} characters
 * @param demo           empty when unset: the demo data is seeded by default on the embedded database only
 * @param allowReset     empty when unset: the admin reset is allowed by default on the embedded database only
 * @param searchWindow   the most threads one staff Search request examines (JdbiMessageThreadRepository)
 * @param benchEndpoints whether {@code POST /api/bench/v1/noop} is served (bench/README.md)
 * @param drainPeriod    on SIGTERM, how long the instance goes on serving while unready before it stops
 * @param observe        the metrics and the log's format (docs/operations.md)
 * @param requestLog     the Connector request log and its retention (docs/operations.md)
 */
public record Config(
        HttpSettings http,
        DatabaseSettings database,
        Optional<String> redisUrl,
        Optional<String> adminToken,
        Optional<Boolean> demo,
        Optional<Boolean> allowReset,
        boolean devErrors,
        RateLimitSettings rateLimit,
        WebhookSettings webhooks,
        int credentialsCacheSeconds,
        int searchWindow,
        AccessSettings access,
        boolean benchEndpoints,
        Duration drainPeriod,
        ObserveSettings observe,
        RequestLogSettings requestLog) {

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/concierge";

    /**
     * The shortest admin token accepted: 32 characters, what {@code openssl rand -hex 16} prints
     * (128 random bits, the strength of the API's own tokens, whose random part has 124). Guessing is
     * throttled per address, but the admin token is the one secret an operator picks by hand, and a
     * short one ({@code change-me}) falls to a dictionary whatever the throttle.
     */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    /**
     * The longest drain period: with the server's 10 s grace period for in-flight requests it stays
     * within what a supervisor waits before it kills the process (Kubernetes: 30 s unless raised).
     */
    public static final int MAX_DRAIN_SECONDS = 300;

    public Config {
        if (adminToken.isPresent() && adminToken.get().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new InvalidConfigException("CONCIERGE_ADMIN_TOKEN must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters long, was " + adminToken.get().length()
                    + "; generate one with: openssl rand -hex 32 (or leave it unset to get a random one)");
        }
    }

    /** The one way to build a configuration: from variables named as in the README, unset ones defaulted. */
    public static Config fromEnvironment(Map<String, String> env) {
        Reader read = new Reader(env);
        return new Config(
                new HttpSettings(
                        read.string("CONCIERGE_HOST", "0.0.0.0"),
                        read.integer("CONCIERGE_PORT", 8080, 0, 65535),
                        read.integer("CONCIERGE_MAX_BODY_BYTES", 16 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                        read.integer("CONCIERGE_REQUEST_TIMEOUT_SECONDS", 30, 1, 3_600)),
                new DatabaseSettings(
                        read.string("CONCIERGE_DB_URL", DEFAULT_DB_URL),
                        read.string("CONCIERGE_DB_USER", ""),
                        read.string("CONCIERGE_DB_PASSWORD", ""),
                        read.integer("CONCIERGE_DB_POOL_SIZE", 16, 1, 1000)),
                read.optional("CONCIERGE_REDIS_URL"),
                read.optional("CONCIERGE_ADMIN_TOKEN"),
                read.optional("CONCIERGE_DEMO").map(value -> read.bool("CONCIERGE_DEMO", value)),
                read.optional("CONCIERGE_ALLOW_RESET").map(value -> read.bool("CONCIERGE_ALLOW_RESET", value)),
                read.bool("CONCIERGE_DEV_ERRORS", read.string("CONCIERGE_DEV_ERRORS", "false")),
                new RateLimitSettings(
                        read.integer("CONCIERGE_RATE_LIMIT_REQUESTS", 200, 1, Integer.MAX_VALUE),
                        read.integer("CONCIERGE_RATE_LIMIT_WINDOW_SECONDS", 30, 1, 86_400)),
                new WebhookSettings(
                        Duration.ofSeconds(read.integer("CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", 10, 1, 86_400)),
                        Duration.ofSeconds(read.integer("CONCIERGE_WEBHOOK_MAX_RETRY_SECONDS", 600, 1, 86_400)),
                        Duration.ofSeconds(read.integer("CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", 86_400, 1, 30 * 86_400)),
                        Duration.ofSeconds(read.integer("CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", 5, 1, 300)),
                        Duration.ofMillis(read.integer("CONCIERGE_WEBHOOK_POLL_MILLIS", 1000, 10, 600_000))),
                read.integer("CONCIERGE_CREDENTIALS_CACHE_SECONDS", 5, 0, 60),
                read.integer("CONCIERGE_SEARCH_WINDOW_ROWS", JdbiMessageThreadRepository.SEARCH_WINDOW, 1, 1_000_000),
                new AccessSettings(
                        read.adminListener(),
                        new RateLimitSettings(
                                read.integer("CONCIERGE_STAFF_RATE_LIMIT_REQUESTS", 200, 1, Integer.MAX_VALUE),
                                read.integer("CONCIERGE_STAFF_RATE_LIMIT_WINDOW_SECONDS", 30, 1, 86_400)),
                        read.integer("CONCIERGE_AUTH_FAILURE_LIMIT", 10, 1, Integer.MAX_VALUE),
                        read.integer("CONCIERGE_AUTH_FAILURE_WINDOW_SECONDS", 60, 1, 86_400)),
                read.bool("CONCIERGE_BENCH_ENDPOINTS", read.string("CONCIERGE_BENCH_ENDPOINTS", "false")),
                Duration.ofSeconds(read.integer("CONCIERGE_DRAIN_SECONDS", 5, 0, MAX_DRAIN_SECONDS)),
                new ObserveSettings(
                        read.bool("CONCIERGE_METRICS", read.string("CONCIERGE_METRICS", "true")),
                        read.logFormat()),
                new RequestLogSettings(
                        read.bool("CONCIERGE_REQUEST_LOG", read.string("CONCIERGE_REQUEST_LOG", "true")),
                        read.integer("CONCIERGE_REQUEST_LOG_DAYS", 7, 1, 3_650),
                        read.integer("CONCIERGE_REQUEST_LOG_MAX_ROWS", 1_000_000, 1, Integer.MAX_VALUE),
                        read.integer("CONCIERGE_REQUEST_LOG_WINDOW_ROWS", JdbiRequestLogStore.FILTER_WINDOW, 1,
                                1_000_000)));
    }

    /**
     * The public listener and what every request gets.
     *
     * @param port                  {@code 0}: any free port
     * @param maxBodyBytes          larger request bodies get 413
     * @param requestTimeoutSeconds the deadline of every request
     */
    public record HttpSettings(String host, int port, long maxBodyBytes, int requestTimeoutSeconds) {
    }

    /**
     * Where the data lives.
     *
     * @param user     empty: none is sent
     * @param password empty: none is sent
     * @param poolSize the most connections open at once
     */
    public record DatabaseSettings(String url, String user, String password, int poolSize) {
    }

    /** At most {@code requests} accepted per token in any {@code windowSeconds} (sliding). */
    public record RateLimitSettings(int requests, int windowSeconds) {
    }

    /**
     * Who reaches what, and how often.
     *
     * @param adminListener    empty: the admin API is served on the public listener; otherwise only here
     * @param staffRateLimit   accepted staff requests per staff token
     * @param authFailureLimit failed authentications per client address within the failure window,
     *                         after which the address gets 429 until the window ends
     */
    public record AccessSettings(Optional<Listener> adminListener, RateLimitSettings staffRateLimit,
                                 int authFailureLimit, int authFailureWindowSeconds) {
    }

    /**
     * The request log (admin requests/getAll): whether Connector requests are logged, and how long
     * and how many are kept (README "The request log").
     */
    public record RequestLogSettings(boolean enabled, int retentionDays, int maxRows, int filterWindow) {
    }

    /** An address and port to listen on ({@code 0}: any free port). */
    public record Listener(String host, int port) {
    }

    /**
     * MessageAdded delivery: the first retry after {@code firstRetry}, doubling up to
     * {@code maxRetry}; no retries once an event is {@code giveUpAfter} old; the receiver must
     * answer within {@code timeout}; other instances' events and retries are looked for every
     * {@code pollInterval}.
     */
    public record WebhookSettings(Duration firstRetry, Duration maxRetry, Duration giveUpAfter, Duration timeout,
                                  Duration pollInterval) {
    }

    /**
     * @param metrics   whether {@code GET /metrics} is served (and the meters kept)
     * @param logFormat how each log line is written on stdout
     */
    public record ObserveSettings(boolean metrics, LogFormat logFormat) {
    }

    /** A line of text for a person (the default), or one JSON object per line for a log pipeline. */
    public enum LogFormat { TEXT, JSON }

    /** A configuration value that cannot be used; start-up stops with this message. */
    public static final class InvalidConfigException extends RuntimeException {
        InvalidConfigException(String message) {
            super(message);
        }
    }

    private record Reader(Map<String, String> env) {

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value < min || value > max) {
                    throw new InvalidConfigException(name + " must be from " + min + " to " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(name + " must be a whole number, was '" + raw.get() + "'");
            }
        }

        /**
         * CONCIERGE_ADMIN_PORT moves the admin API to a listener of its own, on CONCIERGE_ADMIN_HOST
         * (loopback unless set: a separate admin listener is usually meant to be private).
         */
        Optional<Listener> adminListener() {
            Optional<String> host = optional("CONCIERGE_ADMIN_HOST");
            if (optional("CONCIERGE_ADMIN_PORT").isEmpty()) {
                if (host.isPresent()) {
                    throw new InvalidConfigException("CONCIERGE_ADMIN_HOST needs CONCIERGE_ADMIN_PORT: the admin API"
                            + " gets a listener of its own only when its port is set");
                }
                return Optional.empty();
            }
            int port = integer("CONCIERGE_ADMIN_PORT", 0, 0, 65535);
            int publicPort = integer("CONCIERGE_PORT", 8080, 0, 65535);
            if (port != 0 && port == publicPort) {
                throw new InvalidConfigException("CONCIERGE_ADMIN_PORT must differ from CONCIERGE_PORT (" + port
                        + "); unset it to serve the admin API on the public listener");
            }
            return Optional.of(new Listener(host.orElse("127.0.0.1"), port));
        }

        LogFormat logFormat() {
            String value = string("CONCIERGE_LOG_FORMAT", "text");
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "text" -> LogFormat.TEXT;
                case "json" -> LogFormat.JSON;
                default -> throw new InvalidConfigException("CONCIERGE_LOG_FORMAT must be text or json, was '"
                        + value + "'");
            };
        }

        boolean bool(String name, String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new InvalidConfigException(name + " must be true or false, was '" + value + "'");
            };
        }
    }
}
