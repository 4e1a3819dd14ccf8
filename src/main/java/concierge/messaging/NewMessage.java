package concierge.messaging;

import java.util.Optional;
import java.util.UUID;

/** One item of an add-messages request; {@code identifier} is the caller's correlation string. */
public record NewMessage(UUID threadId, String text, Optional<String> identifier) {
}
