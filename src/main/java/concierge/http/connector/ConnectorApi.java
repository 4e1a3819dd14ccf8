package concierge.http.connector;

import concierge.auth.ConnectorAuthenticator;
import concierge.errors.InvalidRequestException;
import concierge.http.AddMessagesRequest;
import concierge.http.GetAllMessagesRequest;
import concierge.http.JsonFields;
import concierge.http.MessageViews;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.RequestFields;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.limits.FailedAuthentications;
import concierge.limits.TokenBudget;
import concierge.messaging.AddMessageThread;
import concierge.messaging.AddMessages;
import concierge.messaging.Caller;
import concierge.messaging.GetAllMessages;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.Message;
import concierge.messaging.Limitation;
import concierge.messaging.MessageThread;
import concierge.messaging.Page;
import concierge.messaging.ThreadFilter;
import concierge.messaging.ThreadOrder;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The Connector API's messaging operations: authenticate, decode, run the use case, encode. */
public final class ConnectorApi {

    public static final String PREFIX = "/api/connector/v1/";

    private final FailedAuthentications failedAuthentications;
    private final TokenBudget budget;
    private final ConnectorAuthenticator authenticator;
    private final GetAllMessageThreads getAllMessageThreads;
    private final AddMessageThread addMessageThread;
    private final GetAllMessages getAllMessages;
    private final AddMessages addMessages;

    public ConnectorApi(FailedAuthentications failedAuthentications, TokenBudget budget,
                        ConnectorAuthenticator authenticator, GetAllMessageThreads getAllMessageThreads,
                        AddMessageThread addMessageThread, GetAllMessages getAllMessages, AddMessages addMessages) {
        this.failedAuthentications = failedAuthentications;
        this.budget = budget;
        this.authenticator = authenticator;
        this.getAllMessageThreads = getAllMessageThreads;
        this.addMessageThread = addMessageThread;
        this.getAllMessages = getAllMessages;
        this.addMessages = addMessages;
    }

    public void register(Router router) {
        router.post(PREFIX + "messageThreads/getAll", connector(this::getAllMessageThreads));
        router.post(PREFIX + "messageThreads/add", connector(this::addMessageThread));
        router.post(PREFIX + "messages/getAll", connector(this::getAllMessages));
        router.post(PREFIX + "messages/add", connector(this::addMessages));
    }

    private Reply getAllMessageThreads(Caller.Application caller, JsonFields body) {
        GetAllMessageThreadsRequest request = GetAllMessageThreadsRequest.from(body);
        Page<MessageThread> page = getAllMessageThreads.execute(caller,
                request.enterpriseIds(), request.filter(), ThreadOrder.CREATED_UTC, request.limitation());
        return Reply.page(new MessageThreadResult(views(page.items()), WireFormats.cursor(page)), page.isEmpty());
    }

    private Reply addMessageThread(Caller.Application caller, JsonFields body) {
        AddMessageThreadRequest request = AddMessageThreadRequest.from(body);
        MessageThread thread = addMessageThread.execute(caller,
                request.enterpriseId(), request.originalSender(), request.subject());
        return Reply.ok(new MessageThreadAddResult(views(List.of(thread))));
    }

    private Reply getAllMessages(Caller.Application caller, JsonFields body) {
        GetAllMessagesRequest request = GetAllMessagesRequest.from(body);
        Page<Message> page = getAllMessages.execute(caller,
                request.enterpriseIds(), request.threadIds(), request.createdUtc(), request.limitation());
        return Reply.page(MessageViews.MessageResult.of(page), page.isEmpty());
    }

    private Reply addMessages(Caller.Application caller, JsonFields body) {
        AddMessagesRequest request = AddMessagesRequest.from(body);
        return Reply.ok(MessageViews.AddedMessageResult.of(addMessages.execute(caller, request.messages())));
    }

    /**
     * Authenticates, then runs the operation, which decodes the rest of the body: a request with bad
     * credentials is answered 401 whatever else is wrong with it. An address that failed too often is
     * refused first; then the token's budget is spent before any database work (D16).
     */
    Operation connector(BiFunction<Caller.Application, JsonFields, Reply> operation) {
        return request -> {
            Credentials credentials = Credentials.from(request.body());
            Caller.Application caller = failedAuthentications.guard(request.clientAddress(), () -> {
                budget.spend(credentials.accessToken());
                return authenticator.authenticate(credentials.clientToken(), credentials.accessToken());
            });
            request.identifiedAs(caller.clientId(), caller.clientName(), caller.integrationId());
            return operation.apply(caller, request.body());
        };
    }

    /**
     * Every Connector request names its client and integration in the body (D15), and may name a
     * culture (D18). The tokens' length is bounded only by the body's.
     */
    record Credentials(String clientToken, String accessToken) {

        static Credentials from(JsonFields body) {
            String clientToken = body.string("ClientToken", Integer.MAX_VALUE);
            String accessToken = body.string("AccessToken", Integer.MAX_VALUE);
            body.string("Client", RequestFields.MAX_SHORT_TEXT);
            Optional<String> language = body.optionalString("LanguageCode", RequestFields.MAX_SHORT_TEXT);
            Optional<String> culture = body.optionalString("CultureCode", RequestFields.MAX_SHORT_TEXT);
            if (language.isPresent() != culture.isPresent()) {
                String missing = language.isPresent() ? "CultureCode" : "LanguageCode";
                throw InvalidRequestException.field(missing, "LanguageCode and CultureCode must be sent together.");
            }
            return new Credentials(clientToken, accessToken);
        }

        /** The tokens are secrets: a log line or an assertion message must not show them. */
        @Override
        public String toString() {
            return "Credentials[secret]";
        }
    }

    /** Decoded in this order: the first bad field is the one named. */
    record GetAllMessageThreadsRequest(Optional<List<EnterpriseId>> enterpriseIds, ThreadFilter filter,
                                       Limitation limitation) {

        static GetAllMessageThreadsRequest from(JsonFields body) {
            return new GetAllMessageThreadsRequest(RequestFields.enterpriseIds(body),
                    new ThreadFilter(RequestFields.optionalIds(body, "MessageThreadIds", MessageThreadId::new),
                            RequestFields.interval(body, "CreatedUtc"), RequestFields.interval(body, "UpdatedUtc"),
                            Optional.empty(), Optional.empty()),
                    RequestFields.limitation(body));
        }
    }

    /** {@code EnterpriseId} is our extension for portfolio tokens (D9). */
    record AddMessageThreadRequest(Optional<EnterpriseId> enterpriseId, String originalSender, String subject) {

        static AddMessageThreadRequest from(JsonFields body) {
            return new AddMessageThreadRequest(body.optionalUuid("EnterpriseId").map(EnterpriseId::new),
                    body.string("OriginalSender", RequestFields.MAX_SHORT_TEXT),
                    body.string("Subject", RequestFields.MAX_SHORT_TEXT));
        }
    }

    private static List<MessageThreadView> views(List<MessageThread> threads) {
        return threads.stream().map(MessageThreadView::of).toList();
    }

    record MessageThreadView(String id, String originalSender, String subject, String createdUtc, String updatedUtc,
                             boolean isResolved) {

        static MessageThreadView of(MessageThread thread) {
            return new MessageThreadView(thread.id().toString(), thread.originalSender(), thread.subject(),
                    WireFormats.utc(thread.createdUtc()), WireFormats.utc(thread.updatedUtc()), thread.isResolved());
        }
    }

    record MessageThreadResult(List<MessageThreadView> messageThreads, String cursor) {
    }

    record MessageThreadAddResult(List<MessageThreadView> messageThreads) {
    }
}
