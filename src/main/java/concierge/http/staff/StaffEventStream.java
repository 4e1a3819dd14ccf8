package concierge.http.staff;

import concierge.auth.StaffAuthenticator;
import concierge.errors.InvalidRequestException;
import concierge.errors.UnauthorizedException;
import concierge.events.StaffEvent;
import concierge.events.StaffEventFeed;
import concierge.events.Subscription;
import concierge.http.BearerToken;
import concierge.http.EventStreams;
import concierge.http.Request;
import concierge.messaging.Caller;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * GET /api/staff/v1/events: the hotel's new messages and thread changes as Server-Sent Events. It
 * opens as every staff request is authenticated (one unit of the staff budget); while it is open,
 * the token is checked again at every keep-alive, and a stream of a token that was disabled ends.
 */
public final class StaffEventStream implements EventStreams.Opening {

    public static final String PATH = StaffApi.PREFIX + "events";
    /** What the client waits before reconnecting (the SSE retry field). */
    public static final long RETRY_MILLIS = 2000;
    /** A comment line at least this often keeps proxies from closing an idle stream, and finds dead peers. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int MAX_EVENT_ID_LENGTH = 19;

    private final StaffApi staffApi;
    private final StaffAuthenticator authenticator;
    private final StaffEventFeed feed;
    private final Duration keepAlive;

    public StaffEventStream(StaffApi staffApi, StaffAuthenticator authenticator, StaffEventFeed feed,
                            Duration keepAlive) {
        this.staffApi = staffApi;
        this.authenticator = authenticator;
        this.feed = feed;
        this.keepAlive = keepAlive;
    }

    @Override
    public EventStreams.EventStream open(Request request) {
        Caller.Staff staff = staffApi.authenticate(request);
        OptionalLong lastEventId = lastEventId(request);
        String token = BearerToken.of(request);
        Subscription subscription = feed.subscribe(token, staff.enterpriseId(), lastEventId);
        return new EventStreams.EventStream() {
            @Override
            public void run(EventStreams.Sink sink) throws InterruptedException {
                stream(token, subscription, sink);
            }

            @Override
            public void close() {
                subscription.close();
            }
        };
    }

    private void stream(String token, Subscription subscription, EventStreams.Sink sink) throws InterruptedException {
        if (subscription.startsWithReset()) {
            sink.event("reset", "{}");
        }
        while (true) {
            StaffEvent event = subscription.next(keepAlive.toNanos());
            if (event != null) {
                sink.event(event.id(), event.type(), event.data());
            } else if (subscription.hasEnded() || !stillValid(token)) {
                return;
            } else {
                sink.comment("keep-alive");
            }
        }
    }

    private boolean stillValid(String token) {
        try {
            authenticator.authenticate(token);
            return true;
        } catch (UnauthorizedException e) {
            return false;
        }
    }

    /** A decimal event id as this stream sends them; anything else is the client's mistake, said so. */
    static OptionalLong lastEventId(Request request) {
        var header = request.header("Last-Event-ID");
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = header.get().strip();
        if (value.isEmpty() || value.length() > MAX_EVENT_ID_LENGTH || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw InvalidRequestException.field("Last-Event-ID", "must be the decimal id of an event this stream sent.");
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw InvalidRequestException.field("Last-Event-ID", "must be the decimal id of an event this stream sent.");
        }
    }
}
