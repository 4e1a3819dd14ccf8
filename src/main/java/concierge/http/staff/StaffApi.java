package concierge.http.staff;

import concierge.auth.StaffAuthenticator;
import concierge.http.BearerToken;
import concierge.http.JsonFields;
import concierge.ids.EnterpriseId;
import concierge.ids.MessageThreadId;
import concierge.http.MessageViews;
import concierge.http.Operation;
import concierge.http.Reply;
import concierge.http.Router;
import concierge.http.WireFormats;
import concierge.limits.FailedAuthentications;
import concierge.limits.TokenBudget;
import concierge.messaging.AddMessages;
import concierge.messaging.Caller;
import concierge.messaging.GetAllMessageThreads;
import concierge.messaging.GetAllMessages;
import concierge.messaging.Message;
import concierge.messaging.MessageThread;
import concierge.messaging.Page;
import concierge.messaging.ResolveMessageThreads;
import concierge.messaging.ThreadFilter;
import java.util.List;
import java.util.function.BiFunction;

/** The hotel's side: staff of one enterprise read every thread of it, reply, resolve and reopen. */
public final class StaffApi {

    public static final String PREFIX = "/api/staff/v1/";
    private static final int MAX_IDS = 1000;

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
        ThreadFilter filter = new ThreadFilter(
                WireFormats.ids(body.optionalUuids("MessageThreadIds", MAX_IDS), MessageThreadId::new),
                WireFormats.interval(body, "CreatedUtc"),
                WireFormats.interval(body, "UpdatedUtc"),
                body.optionalBoolean("IsResolved"));
        Page<MessageThread> page = getAllMessageThreads.execute(staff,
                WireFormats.ids(body.optionalUuids("EnterpriseIds", MAX_IDS), EnterpriseId::new), filter,
                WireFormats.limitation(body));
        return Reply.page(new StaffThreadResult(page.items().stream().map(StaffThreadView::of).toList(),
                WireFormats.cursor(page)), page.isEmpty());
    }

    private Reply resolveMessageThreads(Caller.Staff staff, JsonFields body) {
        List<MessageThreadId> threadIds =
                WireFormats.ids(body.uuids("MessageThreadIds", MAX_IDS), MessageThreadId::new);
        List<MessageThread> threads = resolveMessageThreads.execute(staff, threadIds, body.bool("IsResolved"));
        return Reply.ok(new StaffThreadsUpdated(threads.stream().map(StaffThreadView::of).toList()));
    }

    private Reply getAllMessages(Caller.Staff staff, JsonFields body) {
        Page<Message> page = getAllMessages.execute(staff,
                WireFormats.ids(body.optionalUuids("EnterpriseIds", MAX_IDS), EnterpriseId::new),
                WireFormats.ids(body.uuids("MessageThreadIds", MAX_IDS), MessageThreadId::new),
                WireFormats.interval(body, "CreatedUtc"), WireFormats.limitation(body));
        return Reply.page(MessageViews.MessageResult.of(page), page.isEmpty());
    }

    private Reply addMessages(Caller.Staff staff, JsonFields body) {
        return Reply.ok(MessageViews.AddedMessageResult.of(
                addMessages.execute(staff, MessageViews.newMessages(body))));
    }

    /**
     * The staff token's budget is spent before it is looked up, as the Connector's is (D16): a request
     * over the limit costs no lookup, and one guessed token repeated is held like a real one.
     */
    private Operation staff(BiFunction<Caller.Staff, JsonFields, Reply> operation) {
        return request -> {
            Caller.Staff staff = failedAuthentications.guard(request.clientAddress(), () -> {
                String token = BearerToken.of(request);
                budget.spend(token);
                return authenticator.authenticate(token);
            });
            return operation.apply(staff, request.body());
        };
    }

    /** Staff see which application opened each thread. */
    record StaffThreadView(String id, String clientId, String originalSender, String subject, String createdUtc,
                           String updatedUtc, boolean isResolved) {

        static StaffThreadView of(MessageThread thread) {
            return new StaffThreadView(thread.id().toString(), thread.clientId().toString(), thread.originalSender(),
                    thread.subject(), WireFormats.utc(thread.createdUtc()), WireFormats.utc(thread.updatedUtc()),
                    thread.isResolved());
        }
    }

    record StaffThreadResult(List<StaffThreadView> messageThreads, String cursor) {
    }

    record StaffThreadsUpdated(List<StaffThreadView> messageThreads) {
    }
}
