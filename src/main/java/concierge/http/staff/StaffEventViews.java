package concierge.http.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import concierge.events.EventViews;
import concierge.http.Json;
import concierge.http.MessageViews;
import concierge.messaging.Message;
import concierge.messaging.MessageThread;

/**
 * The data of the stream's events, exactly as the staff operations show the same things: a message
 * as an item of messages/getAll's Messages, a thread as an item of messageThreads/getAll's.
 */
public final class StaffEventViews implements EventViews {

    record MessageEvent(String messageThreadId, MessageViews.MessageView message) {
    }

    @Override
    public String message(Message message) {
        return json(new MessageEvent(message.threadId().toString(), MessageViews.MessageView.of(message)));
    }

    @Override
    public String thread(MessageThread thread) {
        return json(StaffApi.StaffThreadView.of(thread));
    }

    private static String json(Object view) {
        try {
            return Json.MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's view is always serialisable", e);
        }
    }
}
