package concierge;

import concierge.admin.JdbiProvisioningStore;
import concierge.admin.Provisioning;
import concierge.auth.CachedCredentials;
import concierge.auth.ConnectorAuthenticator;
import concierge.auth.JdbiCredentials;
import concierge.auth.Tokens;
import concierge.demo.DemoData;
import concierge.http.ErrorResponses;
import concierge.http.ListenerWatch;
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
import concierge.store.DatabaseFailures;
import concierge.limits.FailedAuthentications;
import concierge.limits.InProcessRateLimiter;
import concierge.limits.RateLimiter;
import concierge.limits.RedisRateLimiter;
import concierge.limits.TokenBudget;
import concierge.webhooks.HttpWebhookSender;
import concierge.webhooks.JdbiWebhookOutbox;
import concierge.webhooks.RetryPolicy;
import concierge.webhooks.WebhookAdministration;
import concierge.webhooks.WebhookDispatcher;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The composition root: every object of the running server is built here, by hand. */
public final class App implements AutoCloseable {

    /** The name of the admin API's own listener, when it has one (CONCIERGE_ADMIN_PORT). */
    private static final String ADMIN_SOCKET = "admin";

    private final Database database;
    private final RateLimiter rateLimiter;
    private final WebhookDispatcher webhooks;
    private final WebServer server;
    private final ListenerWatch listenerWatch;
    private final StartupReport report;
    private final List<String> operationPaths;

    private App(Database database, RateLimiter rateLimiter, WebhookDispatcher webhooks, WebServer server,
                ListenerWatch listenerWatch, StartupReport report, List<String> operationPaths) {
        this.database = database;
        this.rateLimiter = rateLimiter;
        this.webhooks = webhooks;
        this.server = server;
        this.listenerWatch = listenerWatch;
        this.report = report;
        this.operationPaths = operationPaths;
    }

    /** Starts the server; if its HTTP listener ever dies on its own, the process exits (status 70). */
    public static App start(Config config) {
        return start(config, ListenerWatch.exitWith(LISTENER_DIED_EXIT_STATUS));
    }

    /** EX_SOFTWARE of sysexits.h: an internal failure, not a configuration problem (that is 2). */
    static final int LISTENER_DIED_EXIT_STATUS = 70;

    static App start(Config config, Runnable whenListenerDies) {
        Clock clock = Clock.systemUTC();
        Config.DatabaseSettings db = config.database();
        Database database = Database.openWhenReachable(db.url(), db.user(), db.password(), db.poolSize(),
                Duration.ZERO);
        RateLimiter rateLimiter = null;
        WebhookDispatcher webhooks = null;
        try {
            Config.RateLimitSettings limit = config.rateLimit();
            Duration window = Duration.ofSeconds(limit.windowSeconds());
            rateLimiter = config.redisUrl().isPresent()
                    ? new RedisRateLimiter(config.redisUrl().get(), limit.requests(), window)
                    : new InProcessRateLimiter(limit.requests(), window, System::nanoTime);
            var budget = new TokenBudget(rateLimiter, limit.requests(), limit.windowSeconds(), "AccessToken");
            Config.AccessSettings access = config.access();
            Config.RateLimitSettings staffLimit = access.staffRateLimit();
            Duration staffWindow = Duration.ofSeconds(staffLimit.windowSeconds());
            RateLimiter staffLimiter = rateLimiter instanceof RedisRateLimiter redis
                    ? redis.alsoLimiting("staff:", staffLimit.requests(), staffWindow)
                    : new InProcessRateLimiter(staffLimit.requests(), staffWindow, System::nanoTime);
            var staffBudget = new TokenBudget(staffLimiter, staffLimit.requests(), staffLimit.windowSeconds(),
                    "staff token");
            var failedAuthentications = new FailedAuthentications(access.authFailureLimit(),
                    Duration.ofSeconds(access.authFailureWindowSeconds()), System::nanoTime);
            var credentials = new CachedCredentials(new JdbiCredentials(database.jdbi()),
                    Duration.ofSeconds(config.credentialsCacheSeconds()), System::nanoTime);
            var threads = new JdbiMessageThreadRepository(database.jdbi());
            var messages = new JdbiMessageRepository(database.jdbi(), database.engine());
            var provisioningStore = new JdbiProvisioningStore(database.jdbi(), clock);

            boolean demo = config.demo().orElse(database.engine() == Database.Engine.H2);
            boolean seeded = demo && database.inOneTransaction(
                    () -> DemoData.seedIfEmpty(provisioningStore, threads, messages));
            boolean adminTokenGenerated = config.adminToken().isEmpty();
            String adminToken = config.adminToken().orElseGet(Tokens::randomSecret);

            Config.HttpSettings http = config.http();
            Duration requestTimeout = Duration.ofSeconds(http.requestTimeoutSeconds());
            ErrorResponses errors = new ErrorResponses(config.devErrors(), http.requestTimeoutSeconds(), new DatabaseFailures());
            Router router = new Router(errors, http.maxBodyBytes(), requestTimeout);
            // With a listener of its own the admin API is served only there, and the public one has none of it.
            Router adminRouter = access.adminListener().isPresent() ? router.sharingLimits() : router;
            var getAllMessageThreads = new GetAllMessageThreads(threads);
            var getAllMessages = new GetAllMessages(threads, messages);
            Config.WebhookSettings hooks = config.webhooks();
            var outbox = new JdbiWebhookOutbox(database.jdbi());
            webhooks = new WebhookDispatcher(outbox, new HttpWebhookSender(hooks.timeout()),
                    new RetryPolicy(hooks.firstRetry(), hooks.maxRetry(), hooks.giveUpAfter()), clock,
                    hooks.pollInterval(), hooks.timeout()).start();
            var addMessages = new AddMessages(threads, messages, database::inOneTransaction, clock, webhooks);
            new ConnectorApi(failedAuthentications, budget, new ConnectorAuthenticator(credentials),
                    getAllMessageThreads, new AddMessageThread(threads, clock), getAllMessages, addMessages)
                    .register(router);
            new StaffApi(failedAuthentications, staffBudget, new StaffAuthenticator(credentials), getAllMessageThreads,
                    getAllMessages, addMessages, new ResolveMessageThreads(threads, clock)).register(router);
            new AdminApi(new Provisioning(provisioningStore, credentials::forgetAll),
                    new WebhookAdministration(outbox, clock), adminToken, failedAuthentications).register(adminRouter);
            if (config.benchEndpoints()) {
                // The benchmark's HTTP ceiling (bench/README.md): the whole Router pipeline, no work.
                router.post("/api/bench/v1/noop", request -> Reply.ok(Map.of()));
            }

            ListenerWatch listenerWatch = new ListenerWatch(whenListenerDies);
            var builder = listenerOptions(WebServer.builder().host(http.host()).port(http.port()), errors)
                    .routing(routing -> routing.register(listenerWatch).any(router::handle));
            access.adminListener().ifPresent(admin -> builder
                    .putSocket(ADMIN_SOCKET, socket -> listenerOptions(socket.host(admin.host()).port(admin.port()), errors))
                    .routing(ADMIN_SOCKET, routing -> routing.register(listenerWatch).any(adminRouter::handle)));
            WebServer server = builder.build().start();
            if (!server.isRunning()) {
                server.stop(); // a listener that did start is closed too
                throw new IllegalStateException("the HTTP server did not start on port " + http.port()
                        + access.adminListener().map(admin -> " with its admin listener on " + admin.host() + ":"
                                + admin.port()).orElse("") + " (the reason is logged above)");
            }
            listenerWatch.arm();
            Optional<String> adminAddress = access.adminListener()
                    .map(admin -> (admin.host().contains(":") ? "[" + admin.host() + "]" : admin.host())
                            + ":" + server.port(ADMIN_SOCKET));
            return new App(database, rateLimiter, webhooks, server, listenerWatch, new StartupReport(server.port(),
                    database.engine(), demo, seeded, adminTokenGenerated ? adminToken : null, adminAddress),
                    adminRouter == router ? router.paths()
                            : Stream.concat(router.paths().stream(), adminRouter.paths().stream()).toList());
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

    /** The port of the admin API: its own listener's when it has one, else the public one. */
    public int adminPort() {
        return report.adminAddress().isPresent() ? server.port(ADMIN_SOCKET) : server.port();
    }

    /** The server's database, for tools and tests that prepare data directly. */
    public Database database() {
        return database;
    }

    /** The HTTP server, for tests that break it as a failure would. */
    WebServer webServer() {
        return server;
    }

    /** Every operation's path, on whichever listener serves it: what tests that cover each operation iterate over. */
    public List<String> operationPaths() {
        return operationPaths;
    }

    public StartupReport report() {
        return report;
    }

    @Override
    public void close() {
        listenerWatch.stopping();
        server.stop();
        webhooks.close();
        if (rateLimiter instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        database.close();
    }

    /** What every listener has, the public one and the admin API's own. */
    private static <B extends ListenerConfig.BuilderBase<B, ?>> B listenerOptions(B listener, ErrorResponses errors) {
        return listener
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
                .errorHandling(handling -> handling.includeEntity(true));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.getLogger(App.class.getName()).log(System.Logger.Level.WARNING, "close failed: " + e);
        }
    }

    /**
     * What start-up tells the operator. {@code generatedAdminToken} is null when it was configured;
     * {@code adminAddress} (host:port) is present when the admin API has a listener of its own.
     */
    public record StartupReport(int port, Database.Engine engine, boolean demo, boolean seeded,
                                String generatedAdminToken, Optional<String> adminAddress) {
    }
}
