package concierge.messaging;

import concierge.errors.InvalidRequestException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How a thread listing is ordered, newest first: by creation (the Connector's only order) or by last activity. */
public enum ThreadOrder {
    CREATED_UTC("CreatedUtc", "created_utc"),
    UPDATED_UTC("UpdatedUtc", "updated_utc");

    private final String text;
    private final String column;

    ThreadOrder(String text, String column) {
        this.text = text;
        this.column = column;
    }

    /** The column the keyset walks, with seq breaking ties. */
    String column() {
        return column;
    }

    /** {@code text} as the request sent it ({@code field} names it in the error). */
    public static ThreadOrder of(String field, String text) {
        return Stream.of(values()).filter(order -> order.text.equals(text)).findFirst()
                .orElseThrow(() -> InvalidRequestException.field(field, "must be one of "
                        + Stream.of(values()).map(order -> order.text).collect(Collectors.joining(", ")) + "."));
    }
}
