package concierge.webhooks;

import concierge.errors.InvalidRequestException;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where a MessageAdded event stands: still to be sent (or sent again), delivered, or given up on. */
public enum DeliveryStatus {
    PENDING("Pending"),
    DELIVERED("Delivered"),
    DEAD("Dead");

    private final String text;

    DeliveryStatus(String text) {
        this.text = text;
    }

    /** The name in storage and in the admin API. */
    public String text() {
        return text;
    }

    /** The status {@code text} names, as the admin sent it at {@code path}; else a 400 naming the path. */
    public static DeliveryStatus named(String text, String path) {
        return of(text).orElseThrow(() -> InvalidRequestException.field(path, "must be one of "
                + Stream.of(values()).map(DeliveryStatus::text).collect(Collectors.joining(", ")) + "."));
    }

    public static Optional<DeliveryStatus> of(String text) {
        for (DeliveryStatus status : values()) {
            if (status.text.equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
