package concierge.events;

import concierge.messaging.Message;
import concierge.messaging.MessageThread;

/** The data of an event as the staff API shows it (the HTTP edge renders it; events only store and send it). */
public interface EventViews {

    String message(Message message);

    String thread(MessageThread thread);
}
