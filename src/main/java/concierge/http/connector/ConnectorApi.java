package concierge.http.connector;

import concierge.auth.ConnectorAuthenticator;
import concierge.errors.InvalidRequestException;
import concierge.http.JsonFields;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.limits.FailedAuthentications;
import concierge.limits.TokenBudget;
import concierge.http.Reply;
import concierge.http.Request;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.http.MessageViews;
import concierge.messaging.AddMessageThread;
import concierge.messaging.AddMessages;
import concierge.messaging.Caller;
import concierge.messaging.GetAllMessages;
import concierge.messaging.Message;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.MessageThread;
import concierge.messaging.Page;
import concierge.messaging.ThreadFilter;
import java.util.List;
import java.util.Optional;

/** The Connector API's messaging operations: decode, authenticate, run the use case, encode. */
public final class ConnectorApi {

    public static final String PREFIX = "/api/connector/v1/";
    static final int MAX_IDS = 1000;
    static final int MAX_TEXT = 255;

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
        router.post(PREFIX + "messageThreads/getAll", this::getAllMessageThreads);
        router.post(PREFIX + "messageThreads/add", this::addMessageThread);
        router.post(PREFIX + "messages/getAll", this::getAllMessages);
        router.post(PREFIX + "messages/add", this::addMessages);
    }

    private Reply getAllMessageThreads(Request request) {
        JsonFields body = request.body();
        Caller.Application caller = authenticate(request);
        Optional<List<EnterpriseId>> enterpriseIds =
                WireFormats.ids(body.optionalUuids("EnterpriseIds", MAX_IDS), EnterpriseId::new);
        ThreadFilter filter = new ThreadFilter(
                WireFormats.ids(body.optionalUuids("MessageThreadIds", MAX_IDS), MessageThreadId::new),
                WireFormats.interval(body, "CreatedUtc"),
                WireFormats.interval(body, "UpdatedUtc"),
                Optional.empty());
        Page<MessageThread> page = getAllMessageThreads.execute(caller, enterpriseIds, filter,
                WireFormats.limitation(body));
        return Reply.page(new MessageThreadResult(views(page.items()), WireFormats.cursor(page)), page.isEmpty());
    }

    private Reply addMessageThread(Request request) {
        JsonFields body = request.body();
        Caller.Application caller = authenticate(request);
        MessageThread thread = addMessageThread.execute(caller,
                body.optionalUuid("EnterpriseId").map(EnterpriseId::new),
                body.string("OriginalSender", MAX_TEXT),
                body.string("Subject", MAX_TEXT));
        return Reply.ok(new MessageThreadAddResult(views(List.of(thread))));
    }

    private Reply getAllMessages(Request request) {
        JsonFields body = request.body();
        Caller.Application caller = authenticate(request);
        Page<Message> page = getAllMessages.execute(caller,
                WireFormats.ids(body.optionalUuids("EnterpriseIds", MAX_IDS), EnterpriseId::new),
                WireFormats.ids(body.uuids("MessageThreadIds", MAX_IDS), MessageThreadId::new),
                WireFormats.interval(body, "CreatedUtc"),
                WireFormats.limitation(body));
        return Reply.page(MessageViews.MessageResult.of(page), page.isEmpty());
    }

    private Reply addMessages(Request request) {
        JsonFields body = request.body();
        Caller.Application caller = authenticate(request);
        return Reply.ok(MessageViews.AddedMessageResult.of(
                addMessages.execute(caller, MessageViews.newMessages(body))));
    }

    /**
     * Every Connector request names its client and integration in the body (D15, D18). An address
     * that failed too often is refused first; then the token's budget is spent before any database
     * work (D16).
     */
    private Caller.Application authenticate(Request request) {
        JsonFields body = request.body();
        String clientToken = body.string("ClientToken", Integer.MAX_VALUE);
        String accessToken = body.string("AccessToken", Integer.MAX_VALUE);
        body.string("Client", MAX_TEXT);
        Optional<String> language = body.optionalString("LanguageCode", MAX_TEXT);
        Optional<String> culture = body.optionalString("CultureCode", MAX_TEXT);
        if (language.isPresent() != culture.isPresent()) {
            String missing = language.isPresent() ? "CultureCode" : "LanguageCode";
            throw InvalidRequestException.field(missing, "LanguageCode and CultureCode must be sent together.");
        }
        return failedAuthentications.guard(request.clientAddress(), () -> {
            budget.spend(accessToken);
            return authenticator.authenticate(clientToken, accessToken);
        });
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
