package concierge.http;

import concierge.messaging.Limitation;
import concierge.messaging.TimeInterval;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The body of messages/getAll, the same for the application and for staff. */
public record GetAllMessagesRequest(Optional<List<UUID>> enterpriseIds, List<UUID> threadIds,
                                    Optional<TimeInterval> createdUtc, Limitation limitation) {

    public static GetAllMessagesRequest from(JsonFields body) {
        return new GetAllMessagesRequest(RequestFields.enterpriseIds(body), RequestFields.ids(body, "MessageThreadIds"),
                RequestFields.interval(body, "CreatedUtc"), RequestFields.limitation(body));
    }
}
