package concierge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RequestObserver.all: the metrics, the log line and the request log are told of every request, in order. */
class RequestObserverTest {

    private static final CompletedRequest ANSWERED = new CompletedRequest(Instant.EPOCH, "POST", "/api/x",
            Optional.empty(), 200, Duration.ofMillis(3), "request-id", Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), BodyHead.NONE, BodyHead.NONE);

    @Test
    void everyObserverIsToldInOrder() {
        List<String> told = new ArrayList<>();

        RequestObserver.all(List.of(request -> told.add("first"), request -> told.add("second"),
                request -> told.add("third"))).completed(ANSWERED);

        assertThat(told).containsExactly("first", "second", "third");
    }

    @Test
    void anObserverThatThrowsDoesNotKeepTheOthersFromBeingTold() {
        List<String> told = new ArrayList<>();

        RequestObserver.all(List.of(request -> {
            throw new IllegalStateException("broken observer");
        }, request -> told.add("after"))).completed(ANSWERED);

        assertThat(told).containsExactly("after");
    }

    @Test
    void observersAddedToTheListAfterwardsAreNotTold() {
        List<String> told = new ArrayList<>();
        List<RequestObserver> observers = new ArrayList<>(List.of(request -> told.add("registered")));
        RequestObserver all = RequestObserver.all(observers);

        observers.add(request -> told.add("late"));
        all.completed(ANSWERED);

        assertThat(told).containsExactly("registered");
    }
}
