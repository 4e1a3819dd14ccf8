package concierge.http;

import concierge.ids.MessageThreadId;
import concierge.messaging.AddMessages;
import concierge.messaging.NewMessage;
import java.util.List;

/** The body of messages/add, the same for the application and for staff: 1 to 1000 items (D10). */
public record AddMessagesRequest(List<NewMessage> messages) {

    /** Every item is decoded before any is stored: a bad one is refused by its index. */
    public static AddMessagesRequest from(JsonFields body) {
        return new AddMessagesRequest(body.objects("Messages", AddMessages.MAX_ITEMS).stream()
                .map(item -> new NewMessage(new MessageThreadId(item.uuid("MessageThreadId")),
                        item.string("Text", RequestFields.MAX_MESSAGE_TEXT),
                        item.optionalString("Identifier", RequestFields.MAX_SHORT_TEXT)))
                .toList());
    }
}
