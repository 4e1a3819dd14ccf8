package concierge.http.staff;

import concierge.auth.StaffAuthenticator;
import concierge.http.AddMessagesRequest;
import concierge.http.BearerToken;
import concierge.http.GetAllMessagesRequest;
import concierge.http.JsonFields;
import concierge.http.MessageViews;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.Request;
import concierge.http.RequestFields;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.limits.FailedAuthentications;
import concierge.limits.TokenBudget;
import concierge.messaging.AddMessages;
import concierge.messaging.Caller;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.GetAllMessages;
import concierge.messaging.Limitation;
import concierge.messaging.Message;
import concierge.messaging.MessageThread;
import concierge.messaging.Page;
import concierge.messaging.ResolveMessageThreads;
import concierge.messaging.ThreadFilter;
import concierge.messaging.ThreadOrder;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** The hotel's side: staff of one enterprise read every thread of it, reply, resolve and reopen. */
public final class StaffApi {

    public static final String PREFIX = "/api/staff/v1/";

    private final FailedAuthentications failedAuthentications;
    private final TokenBudget budget;
    private final StaffAuthenticator authenticator;
    private final GetAllMessageThreads getAllMessageThreads;
    private final GetAllMessages getAllMessages;
    private final AddMessages addMessages;
    private final ResolveMessageThreads resolveMessageThreads;

    public StaffApi(FailedAuthentications failedAuthentications, TokenBudget budget,
                    StaffAuthenticator authenticator, GetAllMessageThreads getAllMessageThreads,
                    GetAllMessages getAllMessages, AddMessages addMessages,
                    ResolveMessageThreads resolveMessageThreads) {
        this.failedAuthentications = failedAuthentications;
        this.budget = budget;
        this.authenticator = authenticator;
        this.getAllMessageThreads = getAllMessageThreads;
        this.getAllMessages = getAllMessages;
        this.addMessages = addMessages;
        this.resolveMessageThreads = resolveMessageThreads;
    }

    public void register(Router router) {
        router.post(PREFIX + "messageThreads/getAll", staff(this::getAllMessageThreads));
        router.post(PREFIX + "messageThreads/resolve", staff(this::resolveMessageThreads));
        router.post(PREFIX + "messages/getAll", staff(this::getAllMessages));
        router.post(PREFIX + "messages/add", staff(this::addMessages));
    }

    private Reply getAllMessageThreads(Caller.Staff staff, JsonFields body) {
        GetAllMessageThreadsRequest request = GetAllMessageThreadsRequest.from(body);
        Page<MessageThread> page = getAllMessageThreads.execute(staff,
                request.enterpriseIds(), request.filter(), request.order(), request.limitation());
        return Reply.page(new StaffThreadResult(page.items().stream().map(StaffThreadView::of).toList(),
                WireFormats.cursor(page)), page.isEmpty());
    }

    private Reply resolveMessageThreads(Caller.Staff staff, JsonFields body) {
        ResolveMessageThreadsRequest request = ResolveMessageThreadsRequest.from(body);
        List<MessageThread> threads = resolveMessageThreads.execute(staff,
                request.threadIds(), request.isResolved());
        return Reply.ok(new StaffThreadsUpdated(threads.stream().map(StaffThreadView::of).toList()));
    }

    private Reply getAllMessages(Caller.Staff staff, JsonFields body) {
        GetAllMessagesRequest request = GetAllMessagesRequest.from(body);
        Page<Message> page = getAllMessages.execute(staff,
                request.enterpriseIds(), request.threadIds(), request.createdUtc(), request.limitation());
        return Reply.page(MessageViews.MessageResult.of(page), page.isEmpty());
    }

    private Reply addMessages(Caller.Staff staff, JsonFields body) {
        AddMessagesRequest request = AddMessagesRequest.from(body);
        return Reply.ok(MessageViews.AddedMessageResult.of(addMessages.execute(staff, request.messages())));
    }

    /**
     * The staff token's budget is spent before it is looked up, as the Connector's is (D16): a request
     * over the limit costs no lookup, and one guessed token repeated is held like a real one.
     */
    private Operation staff(BiFunction<Caller.Staff, JsonFields, Reply> operation) {
        return request -> operation.apply(authenticate(request), request.body());
    }

    /** What every staff request goes through first, the operations and the event stream alike. */
    Caller.Staff authenticate(Request request) {
        Caller.Staff staff = failedAuthentications.guard(request.clientAddress(), () -> {
            String token = BearerToken.of(request);
            budget.spend(token);
            return authenticator.authenticate(token);
        });
        request.identifiedAs("staff of " + staff.enterpriseId());
        return staff;
    }

    /**
     * The Connector operation's filters plus {@code IsResolved} and {@code Search}, none required, and
     * {@code Order} (default CreatedUtc). Decoded in this order (the filters first, unlike the
     * Connector's): the first bad field is the one named.
     */
    record GetAllMessageThreadsRequest(Optional<List<EnterpriseId>> enterpriseIds, ThreadFilter filter,
                                       ThreadOrder order, Limitation limitation) {

        static GetAllMessageThreadsRequest from(JsonFields body) {
            ThreadFilter filter = new ThreadFilter(
                    RequestFields.optionalIds(body, "MessageThreadIds", MessageThreadId::new),
                    RequestFields.interval(body, "CreatedUtc"), RequestFields.interval(body, "UpdatedUtc"),
                    body.optionalBoolean("IsResolved"),
                    body.optionalString("Search", RequestFields.MAX_SHORT_TEXT));
            Optional<List<EnterpriseId>> enterpriseIds = RequestFields.enterpriseIds(body);
            ThreadOrder order = body.optionalString("Order", RequestFields.MAX_SHORT_TEXT)
                    .map(text -> ThreadOrder.of(body.path("Order"), text)).orElse(ThreadOrder.CREATED_UTC);
            return new GetAllMessageThreadsRequest(enterpriseIds, filter, order, RequestFields.limitation(body));
        }
    }

    record ResolveMessageThreadsRequest(List<MessageThreadId> threadIds, boolean isResolved) {

        static ResolveMessageThreadsRequest from(JsonFields body) {
            return new ResolveMessageThreadsRequest(RequestFields.ids(body, "MessageThreadIds", MessageThreadId::new),
                    body.bool("IsResolved"));
        }
    }

    /** Staff see which application opened each thread, and when its last message came (null: none yet). */
    record StaffThreadView(String id, String clientId, String originalSender, String subject, String createdUtc,
                           String updatedUtc, boolean isResolved, String lastMessageUtc) {

        static StaffThreadView of(MessageThread thread) {
            return new StaffThreadView(thread.id().toString(), thread.clientId().toString(), thread.originalSender(),
                    thread.subject(), WireFormats.utc(thread.createdUtc()), WireFormats.utc(thread.updatedUtc()),
                    thread.isResolved(), thread.lastMessageUtc().map(WireFormats::utc).orElse(null));
        }
    }

    record StaffThreadResult(List<StaffThreadView> messageThreads, String cursor) {
    }

    record StaffThreadsUpdated(List<StaffThreadView> messageThreads) {
    }
}
