package concierge.http;

import concierge.health.CachedProbe;
import concierge.health.Lifecycle;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.observe.health.HealthObserver;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health/live}, {@code /health/ready} and {@code /health/started}, served by Helidon's
 * health observer (docs/operations.md, "Health probes"). Live is 200 while the process answers.
 * Ready is 200 only while the instance serves (start-up done, not draining) and its database
 * answers; Redis is reported but never makes it unready (the rate limiter fails open). Started is 200
 * once the start-up work is done. A 503 names the failing check in its JSON body.
 */
public final class HealthEndpoints {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String STARTED = "/health/started";
    private static final Set<String> PROBES = Set.of(LIVE, READY, STARTED);

    private HealthEndpoints() {
    }

    /**
     * The last handler of a listener: GET and HEAD of exactly the three probe paths go on to the
     * health observer's routes (Helidon puts a feature's routes after the listener's own); {@code rest}
     * answers every other method and path, the rest of {@code /health} included (the observer would
     * also serve {@code /health}, {@code /health/check/…} and others). While draining, every answer
     * asks its client to close the connection: a kept-alive connection would otherwise carry the
     * client's next request to this instance until it stops, instead of through the load balancer.
     */
    public static Handler probesThen(Lifecycle lifecycle, Handler rest) {
        return (request, response) -> {
            if (lifecycle.phase() == Lifecycle.Phase.DRAINING) {
                response.header(HeaderValues.CONNECTION_CLOSE);
            }
            Method method = request.prologue().method();
            if ((Method.GET.equals(method) || Method.HEAD.equals(method)) && PROBES.contains(request.path().rawPath())) {
                response.next();
            } else {
                rest.handle(request, response);
            }
        };
    }

    /**
     * @param database asked on each readiness probe (it bounds its own time and rate)
     * @param redis    present when the rate limits live in Redis: whether it is connected
     */
    public static HealthObserver observer(Lifecycle lifecycle, Supplier<CachedProbe.Result> database,
                                          Optional<BooleanSupplier> redis) {
        var builder = HealthObserver.builder()
                .endpoint("/health")
                .details(true)
                .useSystemServices(false)
                .addCheck(() -> startup(lifecycle), HealthCheckType.STARTUP, "startup")
                .addCheck(() -> serving(lifecycle), HealthCheckType.READINESS, "serving")
                .addCheck(() -> database(database.get()), HealthCheckType.READINESS, "database");
        redis.ifPresent(connected -> builder.addCheck(() -> redis(connected.getAsBoolean()),
                HealthCheckType.READINESS, "redis"));
        return builder.build();
    }

    private static HealthCheckResponse startup(Lifecycle lifecycle) {
        return HealthCheckResponse.builder().status(lifecycle.started()).detail("step", lifecycle.startupStep()).build();
    }

    private static HealthCheckResponse serving(Lifecycle lifecycle) {
        Lifecycle.Phase phase = lifecycle.phase();
        var response = HealthCheckResponse.builder().status(phase == Lifecycle.Phase.SERVING)
                .detail("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
        if (phase == Lifecycle.Phase.STARTING) {
            response.detail("step", lifecycle.startupStep());
        }
        return response.build();
    }

    private static HealthCheckResponse database(CachedProbe.Result result) {
        var response = HealthCheckResponse.builder().status(result.up());
        if (!result.up()) {
            response.detail("reason", result.reason());
        }
        return response.build();
    }

    /** Always UP: without Redis the rate limits are not enforced (fail open), but every request is served. */
    private static HealthCheckResponse redis(boolean connected) {
        var response = HealthCheckResponse.builder().status(true).detail("connected", connected);
        if (!connected) {
            response.detail("effect", "rate limits are not enforced until Redis is back (fail open)");
        }
        return response.build();
    }
}
