package concierge.http;

import concierge.messaging.Message;
import concierge.messaging.Page;
import java.util.List;

/** Messages on the wire, as the Connector API shapes them; shared by the Connector and staff APIs. */
public final class MessageViews {

    private MessageViews() {
    }

    public record SenderView(String discriminator, Object value) {
    }

    public record MessageView(String id, String messageThreadId, String text, SenderView sender, String createdUtc) {

        public static MessageView of(Message message) {
            return new MessageView(message.id().toString(), message.threadId().toString(), message.text(),
                    new SenderView(message.sender().discriminator(), null), WireFormats.utc(message.createdUtc()));
        }
    }

    public record AddedMessageView(String identifier, MessageView message) {

        public static AddedMessageView of(Message message) {
            return new AddedMessageView(message.identifier().orElse(null), MessageView.of(message));
        }
    }

    public record MessageResult(List<MessageView> messages, String cursor) {

        public static MessageResult of(Page<Message> page) {
            return new MessageResult(page.items().stream().map(MessageView::of).toList(), WireFormats.cursor(page));
        }
    }

    public record AddedMessageResult(List<AddedMessageView> messages) {

        public static AddedMessageResult of(List<Message> messages) {
            return new AddedMessageResult(messages.stream().map(AddedMessageView::of).toList());
        }
    }
}
