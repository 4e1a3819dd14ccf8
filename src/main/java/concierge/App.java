package concierge;

import concierge.admin.JdbiProvisioningStore;
import concierge.admin.Provisioning;
import concierge.auth.CachedCredentials;
import concierge.auth.ConnectorAuthenticator;
import concierge.auth.JdbiCredentials;
import concierge.auth.StaffAuthenticator;
import concierge.auth.Tokens;
import concierge.demo.DemoData;
import concierge.demo.DemoReset;
import concierge.events.JdbiStaffEventStore;
import concierge.events.StaffEventFeed;
import concierge.http.ConnectorRequestLogging;
import concierge.health.CachedProbe;
import concierge.health.Lifecycle;
import concierge.http.ErrorResponses;
import concierge.http.HealthEndpoints;
import concierge.http.ListenerWatch;
import concierge.http.Reply;
import concierge.http.RequestObserver;
import concierge.http.Router;
import concierge.http.ServerRefusals;
import concierge.http.StaticFiles;
import concierge.http.admin.AdminApi;
import concierge.http.connector.ConnectorApi;
import concierge.http.docs.ApiDocs;
import concierge.http.console.ConsoleFiles;
import concierge.http.inbox.InboxFiles;
import concierge.http.staff.StaffApi;
import concierge.http.staff.StaffEventStream;
import concierge.http.staff.StaffEventViews;
import concierge.limits.FailedAuthentications;
import concierge.limits.InProcessRateLimiter;
import concierge.limits.RateLimiter;
import concierge.limits.RedisRateLimiter;
import concierge.limits.TokenBudget;
import concierge.messaging.AddMessageThread;
import concierge.messaging.AddMessages;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.GetAllMessages;
import concierge.messaging.JdbiMessageRepository;
import concierge.messaging.JdbiMessageThreadRepository;
import concierge.messaging.ResolveMessageThreads;
import concierge.observe.Metrics;
import concierge.observe.RequestLog;
import concierge.requestlog.GetAllRequests;
import concierge.requestlog.JdbiRequestLogStore;
import concierge.requestlog.RequestLogWriter;
import concierge.store.Database;
import concierge.store.DatabaseFailures;
import concierge.webhooks.HttpWebhookSender;
import concierge.webhooks.JdbiWebhookOutbox;
import concierge.webhooks.RetryPolicy;
import concierge.webhooks.WebhookAdministration;
import concierge.webhooks.WebhookDispatcher;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.spi.Observer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The composition root: every object of the running server is built here, by hand, one concern per
 * method. What holds resources (the database, the rate limiter's Redis connection, the webhook
 * dispatcher, the HTTP server) is closed in reverse order of building, by {@link #close()} and
 * equally when start-up fails part-way.
 *
 * <p>The server listens before the database is needed: everything is built (nothing of it asks the
 * database anything), the listeners start, and then the start-up work (reach the database, migrate,
 * seed the demo data, start the background jobs) runs on a thread of its own. Until it is done the
 * health probes say so and every other request is answered 503.
 */
public final class App implements AutoCloseable {

    /** The name of the admin API's own listener, when it has one (CONCIERGE_ADMIN_PORT). */
    private static final String ADMIN_SOCKET = "admin";

    /** Exactly this path, GET only: any other method or spelling is the Router's 404. */
    static final String METRICS_PATH = "/metrics";

    /** EX_SOFTWARE of sysexits.h: an internal failure, not a configuration problem (that is 2). */
    static final int LISTENER_DIED_EXIT_STATUS = 70;

    /** How long a readiness probe waits for the database's answer; longer counts as not answering. */
    static final Duration DATABASE_PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** How long one answer of the database serves readiness probes: a probe in a loop is not a query in a loop. */
    static final Duration DATABASE_PROBE_FRESH_FOR = Duration.ofSeconds(1);
    /** How long close() waits for start-up work still in progress (it is interrupted first). */
    private static final Duration STARTUP_STOP_WAIT = Duration.ofSeconds(30);

    private final Database database;
    private final WebServer server;
    private final boolean ownAdminListener;
    private final Lifecycle lifecycle;
    private final CompletableFuture<StartupReport> started;
    private final List<String> operationPaths;
    private final Opened opened;

    private App(Database database, WebServer server, boolean ownAdminListener, Lifecycle lifecycle,
                CompletableFuture<StartupReport> started, List<String> operationPaths, Opened opened) {
        this.database = database;
        this.server = server;
        this.ownAdminListener = ownAdminListener;
        this.lifecycle = lifecycle;
        this.started = started;
        this.operationPaths = operationPaths;
        this.opened = opened;
    }

    /**
     * Starts the server and returns once it is ready (its database reached and migrated); if its HTTP
     * listener ever dies on its own, the process exits (status 70).
     */
    public static App start(Config config) {
        return start(config, ListenerWatch.exitWith(LISTENER_DIED_EXIT_STATUS));
    }

    static App start(Config config, Runnable whenListenerDies) {
        App app = starting(config, whenListenerDies);
        try {
            app.started.join();
            return app;
        } catch (CompletionException e) {
            app.close();
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * Returns as soon as the server listens; {@link #started()} completes when its start-up work is
     * done (or fails, for good: say, a migration that cannot run). Meanwhile it waits for its
     * database as long as it takes.
     */
    public static App starting(Config config) {
        return starting(config, ListenerWatch.exitWith(LISTENER_DIED_EXIT_STATUS));
    }

    static App starting(Config config, Runnable whenListenerDies) {
        Opened opened = new Opened();
        try {
            return build(config, whenListenerDies, opened);
        } catch (RuntimeException e) {
            opened.closeAll();
            throw e;
        }
    }

    private static App build(Config config, Runnable whenListenerDies, Opened opened) {
        Clock clock = Clock.systemUTC();
        Lifecycle lifecycle = new Lifecycle();
        Config.DatabaseSettings db = config.database();
        Database database = opened.add(Database.create(db.url(), db.user(), db.password(), db.poolSize()));
        Limits limits = limits(config, opened);

        var credentials = new CachedCredentials(new JdbiCredentials(database.jdbi()),
                Duration.ofSeconds(config.credentialsCacheSeconds()), System::nanoTime);
        var threads = new JdbiMessageThreadRepository(database.jdbi(), config.searchWindow());
        var messages = new JdbiMessageRepository(database.jdbi(), database.engine());
        var provisioningStore = new JdbiProvisioningStore(database.jdbi(), clock);
        boolean demo = config.demo().orElse(database.engine() == Database.Engine.H2);
        var outbox = new JdbiWebhookOutbox(database.jdbi());
        var eventStore = new JdbiStaffEventStore(database.jdbi());
        // Both started by the start-up work, once the schema is there.
        StaffEventFeed events = opened.add(new StaffEventFeed(eventStore, messages, new StaffEventViews(), clock));
        WebhookDispatcher webhooks = opened.add(webhookDispatcher(config.webhooks(), outbox, clock));
        Config.RequestLogSettings logSettings = config.requestLog();
        var requestLogStore = new JdbiRequestLogStore(database.jdbi(), logSettings.filterWindow());
        // Started by the start-up work, once the schema is there, even when logging is off: retention
        // still empties what an earlier run logged.
        RequestLogWriter requestLog = opened.add(new RequestLogWriter(requestLogStore, new RequestLogWriter.Retention(
                Duration.ofDays(logSettings.retentionDays()), logSettings.maxRows()), clock));
        Optional<Metrics> metrics = config.observe().metrics() ? Optional.of(opened.add(new Metrics().pool(database)
                .limits(limits.connector(), limits.staff(), limits.failedAuthentications(),
                        limits.redis().<LongSupplier>map(redis -> redis::failuresAllowed).orElse(() -> 0))
                .webhooks(webhooks, () -> outbox.backlog(clock.instant()))
                .requestLog(requestLog))) : Optional.empty();
        List<RequestObserver> observers = new ArrayList<>();
        metrics.ifPresent(each -> observers.add(each.requests()));
        observers.add(new RequestLog());
        if (logSettings.enabled()) {
            observers.add(new ConnectorRequestLogging(requestLog));
        }
        RequestObserver observer = RequestObserver.all(observers);

        Config.HttpSettings http = config.http();
        ErrorResponses errors = new ErrorResponses(config.devErrors(), http.requestTimeoutSeconds(),
                new DatabaseFailures());
        Router router = new Router(errors, http.maxBodyBytes(), Duration.ofSeconds(http.requestTimeoutSeconds()),
                observer);
        // With a listener of its own the admin API is served only there, and the public one has none of it.
        Router adminRouter = config.access().adminListener().isPresent() ? router.sharingLimits() : router;
        var getAllMessageThreads = new GetAllMessageThreads(threads);
        var getAllMessages = new GetAllMessages(threads, messages);
        var addMessages = new AddMessages(threads, messages, database::inOneTransaction, clock, webhooks, events);
        new ConnectorApi(limits.failedAuthentications(), limits.connector(), new ConnectorAuthenticator(credentials),
                getAllMessageThreads, new AddMessageThread(threads, clock, database::inOneTransaction, events),
                getAllMessages, addMessages)
                .register(router);
        var staffAuthenticator = new StaffAuthenticator(credentials);
        var staffApi = new StaffApi(limits.failedAuthentications(), limits.staff(), staffAuthenticator,
                getAllMessageThreads, getAllMessages, addMessages,
                new ResolveMessageThreads(threads, clock, database::inOneTransaction, events));
        staffApi.register(router);
        var staffEvents = router.eventStream(StaffEventStream.PATH,
                new StaffEventStream(staffApi, staffAuthenticator, events, StaffEventStream.KEEP_ALIVE),
                StaffEventStream.RETRY_MILLIS);
        String adminToken = config.adminToken().orElseGet(Tokens::randomSecret);
        var reset = new DemoReset(config.allowReset().orElse(database.engine() == Database.Engine.H2),
                database::inOneTransaction,
                List.of(requestLogStore::deleteAll, eventStore::deleteAll, outbox::deleteAll, messages::deleteAll,
                        threads::deleteAll, provisioningStore::deleteAll),
                () -> DemoData.seedIfEmpty(provisioningStore, threads, messages),
                List.of(credentials::forgetAll, threads::forgetRemembered, messages::forgetRemembered,
                        events::endStreams));
        new AdminApi(new Provisioning(provisioningStore, credentials::forgetAll),
                new WebhookAdministration(outbox, clock, webhooks::messagesCommitted), reset,
                new GetAllRequests(requestLogStore, requestLog), adminToken,
                limits.failedAuthentications())
                .register(adminRouter);
        if (config.benchEndpoints()) {
            // The benchmark's HTTP ceiling (bench/README.md): the whole Router pipeline, no work.
            router.post("/api/bench/v1/noop", request -> Reply.ok(Map.of()));
        }

        var databaseProbe = new CachedProbe(() -> database.answers(DATABASE_PROBE_TIMEOUT), DATABASE_PROBE_TIMEOUT,
                DATABASE_PROBE_FRESH_FOR, System::nanoTime);
        ObserveFeature observe = observe(List.of(HealthEndpoints.observer(lifecycle, databaseProbe::now,
                limits.redis().map(redis -> redis::connected))), config.access().adminListener().isPresent());

        WebServer server = startServer(config, new ServerRefusals(errors, observer), router, adminRouter, staffEvents,
                metrics.map(meters -> metricsPage(router, meters)), observe, lifecycle, whenListenerDies, opened);
        // Closed before the server stops: it would otherwise wait its grace period for the open streams.
        opened.add(events::endStreams);
        Optional<String> adminAddress = config.access().adminListener()
                .map(admin -> (admin.host().contains(":") ? "[" + admin.host() + "]" : admin.host())
                        + ":" + server.port(ADMIN_SOCKET));
        String generatedAdminToken = config.adminToken().isEmpty() ? adminToken : null;
        // Closed first: the start-up work must not go on with what closes after it.
        Startup startup = opened.add(new Startup(() -> {
            lifecycle.startupStep("waiting for the database");
            database.migrateWhenReachable(Duration.ZERO);
            lifecycle.startupStep("seeding the demo data");
            boolean seeded = demo && database.inOneTransaction(
                    () -> DemoData.seedIfEmpty(provisioningStore, threads, messages));
            lifecycle.startupStep("starting the background jobs");
            events.start();
            webhooks.start();
            requestLog.start();
            router.open();
            adminRouter.open();
            lifecycle.serving();
            return new StartupReport(server.port(), database.engine(), demo, seeded, generatedAdminToken, adminAddress);
        }, lifecycle));
        return new App(database, server, adminAddress.isPresent(), lifecycle, startup.done,
                adminRouter == router ? router.paths()
                        : Stream.concat(router.paths().stream(), adminRouter.paths().stream()).toList(), opened);
    }

    /**
     * Helidon's observability endpoints, on every listener; each observer names its own path
     * ({@code /health/…}, not under Helidon's default {@code /observe}).
     */
    private static ObserveFeature observe(List<Observer> observers, boolean ownAdminListener) {
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .cors(cors -> cors.enabled(false))
                .observers(observers)
                .sockets(ownAdminListener ? List.of(WebServer.DEFAULT_SOCKET_NAME, ADMIN_SOCKET)
                        : List.of(WebServer.DEFAULT_SOCKET_NAME))
                .build();
    }

    /**
     * The start-up work, on a platform thread of its own; {@link #done} completes with its report.
     * Closing it while it runs (the instance is stopped before it was ready) interrupts it, which ends
     * a wait for the database at once, and waits for it to stop.
     */
    private static final class Startup implements AutoCloseable {

        final CompletableFuture<StartupReport> done = new CompletableFuture<>();
        private final Thread thread;

        Startup(Supplier<StartupReport> work, Lifecycle lifecycle) {
            thread = Thread.ofPlatform().name("concierge-startup").start(() -> {
                try {
                    done.complete(work.get());
                } catch (RuntimeException e) {
                    lifecycle.startupStep("failed");
                    done.completeExceptionally(e);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            if (done.cancel(false) && Thread.currentThread() != thread) {
                thread.interrupt();
                thread.join(STARTUP_STOP_WAIT);
            }
        }
    }

    /**
     * The budgets of Connector and staff tokens (in Redis when configured, then {@code redis} is present)
     * and the failed-authentication throttle.
     */
    private record Limits(TokenBudget connector, TokenBudget staff, FailedAuthentications failedAuthentications,
                          Optional<RedisRateLimiter> redis) {
    }

    private static Limits limits(Config config, Opened opened) {
        Config.RateLimitSettings limit = config.rateLimit();
        Duration window = Duration.ofSeconds(limit.windowSeconds());
        RateLimiter rateLimiter = config.redisUrl().isPresent()
                ? new RedisRateLimiter(config.redisUrl().get(), limit.requests(), window)
                : new InProcessRateLimiter(limit.requests(), window, System::nanoTime);
        if (rateLimiter instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        Config.AccessSettings access = config.access();
        Config.RateLimitSettings staffLimit = access.staffRateLimit();
        Duration staffWindow = Duration.ofSeconds(staffLimit.windowSeconds());
        RateLimiter staffLimiter = rateLimiter instanceof RedisRateLimiter redis
                ? redis.alsoLimiting("staff:", staffLimit.requests(), staffWindow)
                : new InProcessRateLimiter(staffLimit.requests(), staffWindow, System::nanoTime);
        return new Limits(
                new TokenBudget(rateLimiter, limit.requests(), limit.windowSeconds(), "AccessToken"),
                new TokenBudget(staffLimiter, staffLimit.requests(), staffLimit.windowSeconds(), "staff token"),
                new FailedAuthentications(access.authFailureLimit(),
                        Duration.ofSeconds(access.authFailureWindowSeconds()), System::nanoTime),
                rateLimiter instanceof RedisRateLimiter redis ? Optional.of(redis) : Optional.empty());
    }

    private static WebhookDispatcher webhookDispatcher(Config.WebhookSettings hooks, JdbiWebhookOutbox outbox,
                                                       Clock clock) {
        return new WebhookDispatcher(outbox, new HttpWebhookSender(hooks.timeout()),
                new RetryPolicy(hooks.firstRetry(), hooks.maxRetry(), hooks.giveUpAfter()), clock,
                hooks.pollInterval(), hooks.timeout());
    }

    /** GET /metrics; a request of its own in the request log and the histogram, like every other. */
    private static Handler metricsPage(Router router, Metrics metrics) {
        return router.observed(METRICS_PATH, (request, response) -> response
                .header(HeaderNames.CONTENT_TYPE, Metrics.CONTENT_TYPE).send(metrics.scrape()));
    }

    /**
     * The public listener, and the admin API's own when configured; both watched for dying on their own,
     * both with the health probes. The metrics are on the admin listener when it has one: they are for
     * operators, as the admin API is.
     */
    private static WebServer startServer(Config config, ServerRefusals refusals, Router router, Router adminRouter,
                                         Handler staffEvents, Optional<Handler> metricsPage, ObserveFeature observe,
                                         Lifecycle lifecycle, Runnable whenListenerDies, Opened opened) {
        Config.HttpSettings http = config.http();
        Optional<Config.Listener> adminListener = config.access().adminListener();
        // Not ready from then on (the other listener may still answer probes), and no drain at exit.
        ListenerWatch listenerWatch = new ListenerWatch(() -> {
            lifecycle.drain();
            whenListenerDies.run();
        });
        Duration writeTimeout = Duration.ofSeconds(http.requestTimeoutSeconds());
        StaticFiles consoleFiles = ConsoleFiles.create(writeTimeout);
        Page inbox = Page.of(InboxFiles.PATH, InboxFiles.create(writeTimeout), router);
        Page docs = Page.of(ApiDocs.PATH, ApiDocs.create(writeTimeout), router);
        // The console is a client of the admin API, so it is served where that is, and only there.
        List<Page> publicPages = adminListener.isPresent() ? List.of(inbox, docs)
                : List.of(inbox, docs, Page.of(ConsoleFiles.PATH, consoleFiles, router));
        Optional<Handler> publicMetrics = adminListener.isPresent() ? Optional.empty() : metricsPage;
        var builder = listenerOptions(WebServer.builder().host(http.host()).port(http.port()), refusals)
                // Main stops the server, after the drain period: Helidon's own hook would stop it at once.
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .addFeature(observe)
                // The event stream is a GET of its own, the pages' files (inbox, API reference, console)
                // are GETs under their paths, so is /metrics, the health probes are the observer's; every
                // other method and path goes to the Router.
                .routing(routing -> {
                    routing.register(listenerWatch).get(StaffEventStream.PATH, staffEvents);
                    publicMetrics.ifPresent(page -> routing.get(METRICS_PATH, page));
                    routing.any(HealthEndpoints.probesThen(lifecycle, pagesThen(publicPages, router)));
                });
        adminListener.ifPresent(admin -> builder
                .putSocket(ADMIN_SOCKET,
                        socket -> listenerOptions(socket.host(admin.host()).port(admin.port()), refusals))
                .routing(ADMIN_SOCKET, routing -> {
                    routing.register(listenerWatch);
                    metricsPage.ifPresent(page -> routing.get(METRICS_PATH, page));
                    routing.any(HealthEndpoints.probesThen(lifecycle,
                            pagesThen(List.of(Page.of(ConsoleFiles.PATH, consoleFiles, adminRouter)), adminRouter)));
                }));
        WebServer server = builder.build().start();
        // Stopped first at close(): in-flight requests finish while everything they use is still open.
        opened.add(() -> {
            listenerWatch.stopping();
            server.stop();
        });
        if (!server.isRunning()) {
            throw new IllegalStateException("the HTTP server did not start on port " + http.port()
                    + adminListener.map(admin -> " with its admin listener on " + admin.host() + ":" + admin.port())
                    .orElse("") + " (the reason is logged above; a listener that did start is closed)");
        }
        listenerWatch.arm();
        return server;
    }

    /** A page's files and their handler, whose answers the router's observers are told of like the API's. */
    private record Page(StaticFiles files, Handler handler) {
        static Page of(String path, StaticFiles files, Router router) {
            return new Page(files, router.observed(path, files::handle));
        }
    }

    /** The pages' files for the GETs they serve; everything else to the router. */
    private static Handler pagesThen(List<Page> pages, Router router) {
        return (request, response) -> {
            for (Page page : pages) {
                if (page.files().serves(request)) {
                    page.handler().handle(request, response);
                    return;
                }
            }
            router.handle(request, response);
        };
    }

    public int port() {
        return server.port();
    }

    /** The port of the admin API: its own listener's when it has one, else the public one. */
    public int adminPort() {
        return ownAdminListener ? server.port(ADMIN_SOCKET) : server.port();
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

    /** Completes when the start-up work is done (the instance is ready), or fails for good. */
    public CompletableFuture<StartupReport> started() {
        return started;
    }

    /** What start-up tells the operator; waits for start-up to be done. */
    public StartupReport report() {
        return started.join();
    }

    /**
     * Stops as a load balancer needs: the readiness probe fails at once, requests keep being served
     * for {@code drainPeriod} (so the balancer notices and sends no more), then the server stops. An
     * instance that was never ready stops at once.
     */
    public void drainAndClose(Duration drainPeriod) {
        boolean interrupted = false;
        if (lifecycle.drain() && drainPeriod.isPositive()) {
            try {
                Thread.sleep(drainPeriod);
            } catch (InterruptedException e) {
                interrupted = true; // the drain ends early; the stop must not be interrupted too
            }
        }
        close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        lifecycle.drain();
        opened.closeAll();
    }

    /** What every listener has, the public one and the admin API's own. */
    private static <B extends ListenerConfig.BuilderBase<B, ?>> B listenerOptions(B listener, ServerRefusals refusals) {
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
                .directHandlers(refusals.forEveryEvent())
                .errorHandling(handling -> handling.includeEntity(true));
    }

    /** What holds resources, in the order it was built; closed in reverse, each whatever the others do. */
    private static final class Opened {

        private final List<AutoCloseable> resources = new ArrayList<>();

        <T extends AutoCloseable> T add(T resource) {
            resources.add(resource);
            return resource;
        }

        void closeAll() {
            for (AutoCloseable resource : resources.reversed()) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.getLogger(App.class.getName()).log(System.Logger.Level.WARNING, "close failed: " + e);
                }
            }
            resources.clear();
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
