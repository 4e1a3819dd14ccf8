package concierge.messaging;

import concierge.ids.MessageThreadId;
import java.util.Optional;

/** One item of an add-messages request; {@code identifier} is the caller's correlation string. */
public record NewMessage(MessageThreadId threadId, String text, Optional<String> identifier) {
}
