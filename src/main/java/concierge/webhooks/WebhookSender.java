package concierge.webhooks;

/** Sends one batch to its URL; says whether the receiver accepted it. */
public interface WebhookSender {

    Outcome send(String url, WebhookBatch batch);

    /** @param error what went wrong, for the admin's view (always storable, see {@link ErrorText}); null when delivered */
    record Outcome(boolean delivered, String error) {

        public Outcome {
            error = error == null ? null : ErrorText.storable(error);
        }

        static Outcome ok() {
            return new Outcome(true, null);
        }

        static Outcome failed(String error) {
            return new Outcome(false, error);
        }
    }
}
