package concierge.http;

import java.util.Optional;
import java.util.function.Function;

/** One API request as an operation sees it: the JSON body and, where an API needs them, headers. */
public record Request(JsonFields body, Function<String, Optional<String>> headers) {

    public Optional<String> header(String name) {
        return headers.apply(name);
    }
}
