package concierge.webhooks;

import java.util.Optional;

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

    public static Optional<DeliveryStatus> of(String text) {
        for (DeliveryStatus status : values()) {
            if (status.text.equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
