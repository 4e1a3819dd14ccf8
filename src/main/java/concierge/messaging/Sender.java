package concierge.messaging;

/** Who wrote a message: the integration's application, or hotel staff ("Enterprise"). */
public enum Sender {
    APPLICATION("Application"),
    ENTERPRISE("Enterprise");

    private final String discriminator;

    Sender(String discriminator) {
        this.discriminator = discriminator;
    }

    /** The name on the wire and in storage. */
    public String discriminator() {
        return discriminator;
    }

    public static Sender of(String discriminator) {
        for (Sender sender : values()) {
            if (sender.discriminator.equals(discriminator)) {
                return sender;
            }
        }
        throw new IllegalArgumentException("unknown sender " + discriminator);
    }
}
