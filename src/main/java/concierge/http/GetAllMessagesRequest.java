package concierge.http;

import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.messaging.Limitation;
import concierge.messaging.TimeInterval;
import java.util.List;
import java.util.Optional;

/** The body of messages/getAll, the same for the application and for staff. */
public record GetAllMessagesRequest(Optional<List<EnterpriseId>> enterpriseIds, List<MessageThreadId> threadIds,
                                    Optional<TimeInterval> createdUtc, Limitation limitation) {

    public static GetAllMessagesRequest from(JsonFields body) {
        return new GetAllMessagesRequest(RequestFields.enterpriseIds(body),
                RequestFields.ids(body, "MessageThreadIds", MessageThreadId::new),
                RequestFields.interval(body, "CreatedUtc"), RequestFields.limitation(body));
    }
}
