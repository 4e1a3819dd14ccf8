package concierge.observe;

import concierge.deadline.Deadline;
import concierge.http.RequestObserver;
import concierge.limits.FailedAuthentications;
import concierge.limits.TokenBudget;
import concierge.requestlog.RequestLogWriter;
import concierge.store.Database;
import concierge.webhooks.WebhookBacklog;
import concierge.webhooks.WebhookDispatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The server's meters, one registry per server (docs/operations.md "Metrics"), written out in the
 * Prometheus text format by {@link #scrape()}. What they count is counted where it happens, by plain
 * counters of the limits, webhooks and store; this class only reads them.
 */
public final class Metrics implements AutoCloseable {

    /** The Prometheus text format's media type, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** How long one read of the webhook outbox serves the scrapes: a scraper in a loop cannot load the database. */
    static final Duration OUTBOX_READ_INTERVAL = Duration.ofSeconds(5);

    /** The outbox read's deadline: a scrape never waits longer for a slow database. */
    static final Duration OUTBOX_READ_TIMEOUT = Duration.ofSeconds(2);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final RequestMetrics requests = new RequestMetrics(registry);
    /** Micrometer holds what a meter reads only weakly: what nothing else holds (a lambda) is held here. */
    private final List<Object> read = new ArrayList<>();

    public Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The request histogram (and 408 count): an observer of the Router. */
    public RequestObserver requests() {
        return requests;
    }

    public Metrics pool(Database database) {
        poolGauge("active.connections", "Connections in use", database, state -> state.active());
        poolGauge("idle.connections", "Connections open and free", database, state -> state.idle());
        poolGauge("pending.threads", "Requests waiting for a connection", database, state -> state.pending());
        poolGauge("max.connections", "The pool's size (CONCIERGE_DB_POOL_SIZE)", database, state -> state.max());
        return this;
    }

    private void poolGauge(String name, String description, Database database,
                           ToDoubleFunction<Database.PoolState> value) {
        Gauge.builder("concierge.db.pool." + name, database, db -> value.applyAsDouble(db.poolState()))
                .description(description).register(registry);
    }

    /** @param redisFailOpen requests allowed because Redis could not be asked (always 0 without Redis) */
    public Metrics limits(TokenBudget connector, TokenBudget staff, FailedAuthentications failedAuthentications,
                          LongSupplier redisFailOpen) {
        rejections("connector", connector, TokenBudget::refused);
        rejections("staff", staff, TokenBudget::refused);
        rejections("failed_authentications", failedAuthentications, FailedAuthentications::refused);
        read.add(redisFailOpen);
        FunctionCounter.builder("concierge.rate.limiter.fail.open", redisFailOpen, LongSupplier::getAsLong)
                .description("Requests allowed without a rate-limit check because Redis could not be asked")
                .register(registry);
        return this;
    }

    private <T> void rejections(String limit, T counted, ToDoubleFunction<T> count) {
        FunctionCounter.builder("concierge.rate.limit.rejections", counted, count)
                .description("Requests refused with 429, by limit: a token's budget, or an address's failed"
                        + " authentications")
                .tag("limit", limit).register(registry);
    }

    /** @param backlog one read of the outbox; cached, and read under its own short deadline */
    public Metrics webhooks(WebhookDispatcher dispatcher, Supplier<WebhookBacklog> backlog) {
        for (WebhookDispatcher.AttemptOutcome outcome : WebhookDispatcher.AttemptOutcome.values()) {
            FunctionCounter.builder("concierge.webhook.attempts", dispatcher, d -> d.attempts(outcome))
                    .description("Webhook batches attempted on this instance, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Cached<WebhookBacklog> outbox = new Cached<>("the webhook outbox",
                () -> Deadline.within(OUTBOX_READ_TIMEOUT, backlog), OUTBOX_READ_INTERVAL,
                System::nanoTime);
        read.add(outbox);
        outboxGauge("concierge.webhook.events.pending", "MessageAdded events not yet delivered (all instances)",
                outbox, WebhookBacklog::pendingEvents);
        Gauge.builder("concierge.webhook.oldest.pending.age", outbox,
                        cached -> cached.get().map(b -> b.oldestPendingAge().toMillis() / 1000.0).orElse(Double.NaN))
                .description("How long the oldest undelivered event has waited").baseUnit("seconds")
                .register(registry);
        outboxGauge("concierge.webhook.dead.batches", "Batches given up on, waiting for a replay (all instances)",
                outbox, WebhookBacklog::deadBatches);
        return this;
    }

    /** The request log's writer on this instance: rows written, and entries dropped (never a failed request). */
    public Metrics requestLog(RequestLogWriter writer) {
        read.add(writer);
        FunctionCounter.builder("concierge.request.log.written", writer, w -> w.counts().written())
                .description("Connector requests written to the request log by this instance")
                .register(registry);
        requestLogDropped(writer, "queue_full", RequestLogWriter.Counts::droppedQueueFull);
        requestLogDropped(writer, "write_failed", RequestLogWriter.Counts::droppedWriteFailed);
        return this;
    }

    private void requestLogDropped(RequestLogWriter writer, String reason,
                                   ToDoubleFunction<RequestLogWriter.Counts> count) {
        FunctionCounter.builder("concierge.request.log.dropped", writer, w -> count.applyAsDouble(w.counts()))
                .description("Request log entries dropped, by reason: the writer's queue was full, or its write failed")
                .tag("reason", reason).register(registry);
    }

    private void outboxGauge(String name, String description, Cached<WebhookBacklog> outbox,
                                    ToDoubleFunction<WebhookBacklog> value) {
        Gauge.builder(name, outbox, cached -> cached.get().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).register(registry);
    }

    /** Every meter, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
