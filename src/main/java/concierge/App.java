package concierge;

import concierge.admin.JdbiProvisioningStore;
import concierge.admin.Provisioning;
import concierge.auth.CachedCredentials;
import concierge.auth.ConnectorAuthenticator;
import concierge.auth.JdbiCredentials;
import concierge.auth.Tokens;
import concierge.demo.DemoData;
import concierge.http.ErrorResponses;
import concierge.http.Reply;
import concierge.http.Router;
import concierge.http.ServerRefusals;
import concierge.http.admin.AdminApi;
import concierge.http.connector.ConnectorApi;
import concierge.auth.StaffAuthenticator;
import concierge.http.staff.StaffApi;
import concierge.messaging.AddMessageThread;
import concierge.messaging.AddMessages;
import concierge.messaging.GetAllMessages;
import concierge.messaging.JdbiMessageRepository;
import concierge.messaging.ResolveMessageThreads;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.JdbiMessageThreadRepository;
import concierge.store.Database;
import concierge.limits.AccessTokenBudget;
import concierge.limits.InProcessRateLimiter;
import concierge.limits.RateLimiter;
import concierge.limits.RedisRateLimiter;
import concierge.webhooks.HttpWebhookSender;
import concierge.webhooks.JdbiWebhookOutbox;
import concierge.webhooks.RetryPolicy;
import concierge.webhooks.WebhookAdministration;
import concierge.webhooks.WebhookDispatcher;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The composition root: every object of the running server is built here, by hand. */
public final class App implements AutoCloseable {

    private final Database database;
    private final RateLimiter rateLimiter;
    private final WebhookDispatcher webhooks;
    private final WebServer server;
    private final StartupReport report;

    private App(Database database, RateLimiter rateLimiter, WebhookDispatcher webhooks, WebServer server,
                StartupReport report) {
        this.database = database;
        this.rateLimiter = rateLimiter;
        this.webhooks = webhooks;
        this.server = server;
        this.report = report;
    }

    public static App start(Config config) {
        Clock clock = Clock.systemUTC();
        Database database = Database.openWhenReachable(config.dbUrl(), config.dbUser(), config.dbPassword(),
                config.dbPoolSize(), Duration.ZERO);
        RateLimiter rateLimiter = null;
        WebhookDispatcher webhooks = null;
        try {
            Duration window = Duration.ofSeconds(config.rateLimitWindowSeconds());
            rateLimiter = config.redisUrl().isPresent()
                    ? new RedisRateLimiter(config.redisUrl().get(), config.rateLimitRequests(), window)
                    : new InProcessRateLimiter(config.rateLimitRequests(), window, System::nanoTime);
            var budget = new AccessTokenBudget(rateLimiter, config.rateLimitRequests(), config.rateLimitWindowSeconds());
            var credentials = new CachedCredentials(new JdbiCredentials(database.jdbi()),
                    Duration.ofSeconds(config.credentialsCacheSeconds()), System::nanoTime);
            var threads = new JdbiMessageThreadRepository(database.jdbi());
            var messages = new JdbiMessageRepository(database.jdbi());
            var provisioningStore = new JdbiProvisioningStore(database.jdbi(), clock);

            boolean demo = config.demo().orElse(database.engine() == Database.Engine.H2);
            boolean seeded = demo && database.inOneTransaction(
                    () -> DemoData.seedIfEmpty(provisioningStore, threads, messages));
            boolean adminTokenGenerated = config.adminToken().isEmpty();
            String adminToken = config.adminToken().orElseGet(Tokens::randomSecret);

            Duration requestTimeout = Duration.ofSeconds(config.requestTimeoutSeconds());
            ErrorResponses errors = new ErrorResponses(config.devErrors(), config.requestTimeoutSeconds());
            Router router = new Router(errors, config.maxBodyBytes(), requestTimeout);
            var getAllMessageThreads = new GetAllMessageThreads(threads);
            var getAllMessages = new GetAllMessages(threads, messages);
            Config.WebhookSettings hooks = config.webhooks();
            var outbox = new JdbiWebhookOutbox(database.jdbi());
            webhooks = new WebhookDispatcher(outbox, new HttpWebhookSender(hooks.timeout()),
                    new RetryPolicy(hooks.firstRetry(), hooks.maxRetry(), hooks.giveUpAfter()), clock,
                    hooks.pollInterval(), hooks.timeout()).start();
            var addMessages = new AddMessages(threads, messages, clock, webhooks);
            new ConnectorApi(budget, new ConnectorAuthenticator(credentials), getAllMessageThreads,
                    new AddMessageThread(threads, clock), getAllMessages, addMessages).register(router);
            new StaffApi(new StaffAuthenticator(credentials), getAllMessageThreads, getAllMessages, addMessages,
                    new ResolveMessageThreads(threads, clock)).register(router);
            new AdminApi(new Provisioning(provisioningStore, credentials::forgetAll),
                    new WebhookAdministration(outbox, clock), adminToken).register(router);
            if (Boolean.parseBoolean(System.getenv("CONCIERGE_BENCH_ENDPOINTS"))) {
                // The benchmark's HTTP ceiling (bench/README.md): the whole Router pipeline, no work.
                router.post("/api/bench/v1/noop", request -> Reply.ok(Map.of()));
            }

            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    // In-flight requests get time to finish when the server stops. (A client that stops
                    // sending its body is cut off by Router at the deadline: Helidon applies no read
                    // timeout to server connections, so SocketOptions.readTimeout would do nothing.)
                    // tcpNoDelay: without it Nagle's algorithm meets the client's delayed ACK and
                    // larger answers stall ~40 ms (bench: 68 → 708 req/s for getAll at c=1, 1M threads).
                    .connectionOptions(socket -> socket.tcpNoDelay(true))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    // Requests Helidon refuses before the Router runs get our error body and Request-Id;
                    // includeEntity passes Helidon's reason (only those it marks safe to show) to them.
                    .directHandlers(new ServerRefusals(errors).forEveryEvent())
                    .errorHandling(handling -> handling.includeEntity(true))
                    .routing(routing -> routing.any(router::handle))
                    .build()
                    .start();
            if (!server.isRunning()) {
                throw new IllegalStateException("the HTTP server did not start on port " + config.port());
            }
            return new App(database, rateLimiter, webhooks, server, new StartupReport(server.port(), database.engine(), demo, seeded,
                    adminTokenGenerated ? adminToken : null));
        } catch (RuntimeException e) {
            if (webhooks != null) {
                webhooks.close();
            }
            if (rateLimiter instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The server's database, for tools and tests that prepare data directly. */
    public Database database() {
        return database;
    }

    public StartupReport report() {
        return report;
    }

    @Override
    public void close() {
        server.stop();
        webhooks.close();
        if (rateLimiter instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        database.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.getLogger(App.class.getName()).log(System.Logger.Level.WARNING, "close failed: " + e);
        }
    }

    /** What start-up tells the operator. {@code generatedAdminToken} is null when it was configured. */
    public record StartupReport(int port, Database.Engine engine, boolean demo, boolean seeded,
                                String generatedAdminToken) {
    }
}
