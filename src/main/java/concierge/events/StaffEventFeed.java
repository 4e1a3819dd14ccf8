package concierge.events;

import concierge.background.PollingLoop;
import concierge.errors.TooManyRequestsException;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageId;
import concierge.messaging.Message;
import concierge.messaging.MessageRepository;
import concierge.messaging.MessageThread;
import concierge.messaging.ThreadChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The staff events: written with each change (in its transaction), read back by every instance and
 * fanned out to the streams open on it. One loop per instance reads what is new, with one indexed
 * query per {@link #POLL_INTERVAL} whatever the number of streams, at once when this instance
 * commits a change (so a local stream hears of it within milliseconds) and otherwise every poll
 * interval (for other instances' changes). It also purges events older than {@link #RETENTION}.
 */
public final class StaffEventFeed implements ThreadChanges, AutoCloseable {


    /** How often the feed reads other instances' events: well within the 2 s the inbox promises. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /**
     * How long an id that was read past stays awaited (its transaction had taken the id and not yet
     * committed). Writing the event rows is the last thing a change's transaction does: its commit
     * follows within milliseconds unless the database stalls, and a rolled-back id never comes.
     */
    public static final Duration GAP_WAIT = Duration.ofSeconds(10);
    /** How long events are kept for streams that resume with Last-Event-ID. */
    public static final Duration RETENTION = Duration.ofHours(1);
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** Events read per query; a busier instance reads again at once. */
    static final int MAX_READ = 1000;
    /** Open streams per staff token on one instance: a few tabs of the inbox, not a crowd. */
    public static final int MAX_STREAMS_PER_TOKEN = 10;
    /** Open streams on one instance, of all tokens: each holds a connection and up to its buffer. */
    public static final int MAX_STREAMS = 1000;
    /** What one stream may have waiting to be sent: a few of the largest messages, hundreds of usual ones. */
    public static final long MAX_BUFFERED_BYTES = 256 * 1024;
    /** A resume further behind than this gets a reset (the client reloads) instead of the backlog. */
    public static final int MAX_RESUMED_EVENTS = 100;

    private final StaffEventStore store;
    private final MessageRepository messages;
    private final EventViews views;
    private final Clock clock;
    private final PollingLoop loop = new PollingLoop("staff event feed", POLL_INTERVAL, this::readNew);
    private final Map<EnterpriseId, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    /** Open streams by token, and in all; guarded by {@code this}. */
    private final Map<String, Integer> streamsByToken = new HashMap<>();
    private int streams;
    private CommitOrderWindow window;
    private long nextPurge = System.nanoTime();

    public StaffEventFeed(StaffEventStore store, MessageRepository messages, EventViews views, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.views = views;
        this.clock = clock;
    }

    /** Started: streams hear of every event committed from now on. */
    public StaffEventFeed start() {
        window = new CommitOrderWindow(store.latestId(), GAP_WAIT.toNanos());
        loop.start();
        return this;
    }

    @Override
    public void changed(List<Message> messagesAdded, List<MessageThread> threads) {
        List<StaffEventStore.NewEvent> events = new ArrayList<>();
        for (Message message : messagesAdded) {
            events.add(new StaffEventStore.NewEvent(message.enterpriseId(), StaffEvent.MESSAGE,
                    Optional.of(message.id()), Optional.empty()));
        }
        for (MessageThread thread : threads) {
            events.add(new StaffEventStore.NewEvent(thread.enterpriseId(), StaffEvent.THREAD,
                    Optional.empty(), Optional.of(views.thread(thread))));
        }
        store.append(events, clock.instant());
    }

    @Override
    public void committed() {
        loop.wakeUp();
    }

    /**
     * Opens a stream of the enterprise's events for one staff token: live from now, or with
     * {@code lastEventId} first every retained event of the enterprise after it (a reset instead
     * when it is not retained, or too far behind).
     *
     * @throws TooManyRequestsException when the token or this instance has its most streams open
     */
    public Subscription subscribe(String token, EnterpriseId enterpriseId, OptionalLong lastEventId) {
        reserve(token);
        boolean ok = false;
        try {
            Subscription subscription = open(token, enterpriseId, lastEventId);
            ok = true;
            return subscription;
        } finally {
            if (!ok) {
                release(token);
            }
        }
    }

    private Subscription open(String token, EnterpriseId enterpriseId, OptionalLong lastEventId) {
        if (lastEventId.isEmpty()) {
            return listen(token, enterpriseId, false);
        }
        long after = lastEventId.getAsLong();
        // Listening first, then reading the backlog: an event committed in between is in one or both.
        Subscription live = listen(token, enterpriseId, false);
        try {
            List<StaffEvent> backlog = store.holds(enterpriseId, after)
                    ? rendered(store.after(enterpriseId, after, MAX_RESUMED_EVENTS + 1)) : null;
            if (backlog == null || backlog.size() > MAX_RESUMED_EVENTS
                    || backlog.stream().mapToLong(StaffEvent::bytes).sum() > MAX_BUFFERED_BYTES) {
                unlisten(enterpriseId, live);
                return listen(token, enterpriseId, true);
            }
            live.prepend(backlog);
            return live;
        } catch (RuntimeException e) {
            unlisten(enterpriseId, live);
            throw e;
        }
    }

    private Subscription listen(String token, EnterpriseId enterpriseId, boolean reset) {
        Subscription[] self = new Subscription[1];
        self[0] = new Subscription(MAX_BUFFERED_BYTES, reset, () -> {
            if (unlisten(enterpriseId, self[0])) {
                release(token);
            }
        });
        subscribers.computeIfAbsent(enterpriseId, id -> ConcurrentHashMap.newKeySet()).add(self[0]);
        return self[0];
    }

    /** Returns whether it was listening (a subscription is closed once, however often close() is called). */
    private boolean unlisten(EnterpriseId enterpriseId, Subscription subscription) {
        boolean[] removed = new boolean[1];
        subscribers.computeIfPresent(enterpriseId, (id, set) -> {
            removed[0] = set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }

    private synchronized void reserve(String token) {
        if (streams >= MAX_STREAMS) {
            throw new TooManyRequestsException("Too many event streams: this server has its most (" + MAX_STREAMS
                    + ") open. Retry after 5 s.", 5);
        }
        int ofToken = streamsByToken.getOrDefault(token, 0);
        if (ofToken >= MAX_STREAMS_PER_TOKEN) {
            throw new TooManyRequestsException("Too many event streams: at most " + MAX_STREAMS_PER_TOKEN
                    + " per staff token are open at once. Close one, or retry after 5 s.", 5);
        }
        streamsByToken.put(token, ofToken + 1);
        streams++;
    }

    private synchronized void release(String token) {
        streamsByToken.computeIfPresent(token, (key, count) -> count == 1 ? null : count - 1);
        streams--;
    }

    /** Reads and fans out what is new, and purges old events once a purge interval; returns whether the read was full. */
    private boolean readNew() {
        boolean full = poll();
        if (System.nanoTime() - nextPurge >= 0) {
            nextPurge = System.nanoTime() + PURGE_INTERVAL.toNanos();
            store.purgeBefore(clock.instant().minus(RETENTION));
        }
        return full;
    }

    /** Reads what is new and hands it to the streams; returns whether the read was full (more may wait). */
    boolean poll() {
        List<StaffEventStore.StoredEvent> read = store.after(window.horizon(), MAX_READ);
        boolean full = read.size() == MAX_READ;
        List<StaffEventStore.StoredEvent> fresh = window.accept(read, StaffEventStore.StoredEvent::id, full,
                System.nanoTime());
        for (StaffEvent event : rendered(fresh.stream()
                .filter(stored -> subscribers.containsKey(stored.enterpriseId())).toList())) {
            Set<Subscription> listening = subscribers.get(event.enterpriseId());
            if (listening != null) {
                listening.forEach(subscription -> subscription.offer(event));
            }
        }
        return full;
    }

    /** The events with their data: a message event's message is read (one query) and rendered once for all streams. */
    private List<StaffEvent> rendered(List<StaffEventStore.StoredEvent> stored) {
        List<MessageId> ids = stored.stream().flatMap(event -> event.messageId().stream()).toList();
        Map<MessageId, Message> byId = messages.findByIds(ids).stream()
                .collect(Collectors.toMap(Message::id, Function.identity()));
        List<StaffEvent> events = new ArrayList<>(stored.size());
        for (StaffEventStore.StoredEvent event : stored) {
            Optional<String> data = event.data().or(() -> event.messageId().map(byId::get).map(views::message));
            data.ifPresent(json -> events.add(new StaffEvent(event.id(), event.enterpriseId(), event.type(), json)));
        }
        return events;
    }

    /** Ends every open stream (the server is stopping: it must not wait for them). */
    public void endStreams() {
        subscribers.values().forEach(set -> set.forEach(Subscription::end));
    }

    @Override
    public void close() {
        endStreams();
        loop.close();
    }
}
