package concierge.http;

import java.util.List;

/**
 * Told of every request once it is answered (the metrics, the request log). Called on the request's
 * thread after its answer is written, so it must be quick and must not fail the request: a failing
 * observer is skipped for that request.
 */
@FunctionalInterface
public interface RequestObserver {

    void completed(CompletedRequest request);

    /** All of them, in order; one that throws does not keep the others from being told. */
    static RequestObserver all(List<RequestObserver> observers) {
        List<RequestObserver> each = List.copyOf(observers);
        return request -> {
            for (RequestObserver observer : each) {
                try {
                    observer.completed(request);
                } catch (RuntimeException e) {
                    System.getLogger(RequestObserver.class.getName())
                            .log(System.Logger.Level.WARNING, "a request observer failed: " + e);
                }
            }
        };
    }
}
