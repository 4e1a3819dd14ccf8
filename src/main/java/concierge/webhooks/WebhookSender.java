package concierge.webhooks;

import java.util.Optional;
import java.util.OptionalInt;

/** Sends one batch to its URL; says whether the receiver accepted it. */
public interface WebhookSender {

    Outcome send(String url, WebhookBatch batch);

    /**
     * @param error      what went wrong, for the admin's view (always storable, see {@link ErrorText}); null when delivered
     * @param statusCode the status of the receiver's last answer, when there was one
     * @param payload    the request body as sent, when it was sent
     */
    record Outcome(boolean delivered, String error, OptionalInt statusCode, Optional<String> payload) {

        public Outcome {
            error = error == null ? null : ErrorText.storable(error);
        }

        static Outcome ok(int statusCode, String payload) {
            return new Outcome(true, null, OptionalInt.of(statusCode), Optional.of(payload));
        }

        static Outcome failed(String error) {
            return new Outcome(false, error, OptionalInt.empty(), Optional.empty());
        }

        static Outcome failed(String error, OptionalInt statusCode, String payload) {
            return new Outcome(false, error, statusCode, Optional.of(payload));
        }
    }
}
