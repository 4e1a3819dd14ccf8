package concierge.http;

import java.util.Optional;

/**
 * Who a request turned out to come from, written by the API's authentication wrapper once it knows,
 * read by the request's observers after the answer. One per request, used on its thread.
 */
public final class CallerName {

    private String name;

    /** {@code name} says who without a secret: "client {ClientId}", "staff of {EnterpriseId}", "admin". */
    public void set(String name) {
        this.name = name;
    }

    public Optional<String> get() {
        return Optional.ofNullable(name);
    }
}
