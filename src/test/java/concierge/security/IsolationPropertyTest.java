package concierge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concierge.testing.ApiClient;
import concierge.testing.ApiClient.ApiResponse;
import concierge.testing.ApiPaths.Admin;
import concierge.testing.ApiPaths.Connector;
import concierge.testing.ApiPaths.Staff;
import concierge.testing.OnBothEngines;
import concierge.testing.Operations;
import concierge.testing.Operations.Operation;
import concierge.testing.Operations.World;
import concierge.testing.SeededRandom;
import concierge.testing.Tenants.Client;
import concierge.testing.Tenants.Integration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Ownership under random use (spec D5, D6, D7, D9, D10 and the staff API, README §3): several
 * clients, single and portfolio tokens, and the staff of several enterprises add threads and
 * messages, list, reply and resolve in a random order, with own, foreign and unknown Ids. A model
 * of who owns what is kept, and after every step the server's answers must agree with it: no caller
 * ever receives a thread or message it does not own, a foreign Id never causes a write, and a
 * foreign cursor is a 400.
 *
 * <p>Steps: {@code -Dconcierge.property.steps} (default 250); replay a run with {@code -Dconcierge.seed}.
 */
@Tag("slow")
class IsolationPropertyTest extends OnBothEngines {

    private static final int FULL_CHECK_EVERY = 50;

    private ApiClient api;
    private SeededRandom random;
    private Instant since;

    private final List<UUID> enterprises = new ArrayList<>();
    private final Map<UUID, String> staffTokens = new HashMap<>();
    private final List<Token> tokens = new ArrayList<>();
    private final Map<UUID, ThreadState> threads = new LinkedHashMap<>();
    private final Map<UUID, UUID> messageThreads = new LinkedHashMap<>();
    private final Map<UUID, String> names = new HashMap<>();
    private String current = "";
    private int step;

    /** One AccessToken of one client; a disabled one must get 401 for everything. */
    record Token(String name, Integration integration, boolean disabled) {

        UUID clientId() {
            return integration.client().id();
        }

        List<UUID> scope() {
            return integration.enterpriseIds();
        }

        boolean sees(ThreadState thread) {
            return thread.clientId.equals(clientId()) && scope().contains(thread.enterpriseId);
        }
    }

    /** What the test knows about one thread it made. */
    static final class ThreadState {
        final UUID id;
        final UUID clientId;
        final UUID enterpriseId;
        final String subject;
        boolean resolved;

        ThreadState(UUID id, UUID clientId, UUID enterpriseId, String subject) {
            this.id = id;
            this.clientId = clientId;
            this.enterpriseId = enterpriseId;
            this.subject = subject;
        }
    }

    @BeforeEach
    void provision() {
        api = tenants.api();
        random = SeededRandom.create("IsolationPropertyTest[" + engine + "]");
        since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            UUID enterprise = tenants.enterprise();
            enterprises.add(enterprise);
            names.put(enterprise, "E" + i);
            ApiResponse staff = api.admin(Admin.STAFF_TOKENS_ADD, Map.of("EnterpriseId", enterprise.toString()));
            assertThat(staff).isOk();
            staffTokens.put(enterprise, staff.json().path("StaffToken").asText());
        }
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Client client = tenants.client();
            clients.add(client);
            names.put(client.id(), "C" + i);
        }
        // Single and portfolio tokens; C0 has two tokens that both reach E0, so they share its threads there.
        token(clients.get(0), 0);
        token(clients.get(0), 1, 2);
        token(clients.get(0), 0, 3);
        token(clients.get(1), 0, 1);
        token(clients.get(1), 2);
        token(clients.get(2), 3, 0);
        Integration disabled = tenants.integration(clients.get(2), enterprises.get(1));
        ApiResponse disable = api.admin(Admin.INTEGRATIONS_DISABLE, Map.of("IntegrationIds", List.of(disabled.id().toString())));
        assertThat(disable).isOk();
        tokens.add(new Token("A6(C2:E1, disabled)", disabled, true));
    }

    private void token(Client client, int... enterpriseIndexes) {
        UUID[] scope = new UUID[enterpriseIndexes.length];
        StringBuilder name = new StringBuilder("A" + tokens.size() + "(" + names.get(client.id()) + ":");
        for (int i = 0; i < scope.length; i++) {
            scope[i] = enterprises.get(enterpriseIndexes[i]);
            name.append(i == 0 ? "" : "+").append(names.get(scope[i]));
        }
        tokens.add(new Token(name.append(")").toString(), tenants.integration(client, scope), false));
    }

    static List<Operation> tenantOperations() {
        return Operations.touchingTenantData();
    }

    /**
     * Every operation on tenant data, its example sent with our credentials about another tenant's
     * enterprises, threads, messages and cursors, and about our enterprises but their threads,
     * messages and cursors: answered exactly as about Ids that exist nowhere, and nothing of theirs
     * changes (their staff see all of their enterprises' threads and messages).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantOperations")
    void anotherTenantsIdsAreAnsweredAsUnknownOnesAndChangeNothingOfTheirs(Operation operation) {
        World ours = World.provision(tenants);
        World theirs = World.provision(tenants);
        World nowhere = World.unknown();
        String before = seenByTheirStaff(theirs);

        assertAnsweredAlike(operation, ours, theirs, nowhere);
        assertAnsweredAlike(operation, ours, ours.withThreadsAndMessagesOf(theirs), ours.withThreadsAndMessagesOf(nowhere));

        assertThat(seenByTheirStaff(theirs)).isEqualTo(before);
    }

    /** The example about {@code foreign} and about {@code unknown}, both sent as {@code caller}, get the same answer. */
    private void assertAnsweredAlike(Operation operation, World caller, World foreign, World unknown) {
        ApiResponse aboutForeign = operation.send(api, caller, operation.body(foreign, caller));
        ApiResponse aboutUnknown = operation.send(api, caller, operation.body(unknown, caller));

        assertThat(aboutForeign).hasStatus(aboutUnknown.status()).hasRequestId();
        assertThat(comparable(aboutForeign, foreign)).isEqualTo(comparable(aboutUnknown, unknown));
    }

    /**
     * The answer without its RequestId; the world's Ids in it replaced by their place in
     * {@link World#dataIds}, then any other Id (of something just added) and every time by a mark.
     */
    private static String comparable(ApiResponse response, World world) {
        JsonNode json = response.json();
        if (json.isObject()) {
            ((ObjectNode) json).remove("RequestId");
        }
        String text = json.toString();
        List<String> ids = world.dataIds();
        for (int i = 0; i < ids.size(); i++) {
            text = text.replace(ids.get(i), "<id " + i + ">");
        }
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<new id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z", "<time>");
    }

    /** Every thread of the world's two enterprises and every message of its threads, as their staff see them. */
    private String seenByTheirStaff(World world) {
        StringBuilder seen = new StringBuilder();
        for (String staffToken : List.of(world.staffToken(), tenants.staffToken(world.otherEnterpriseId()))) {
            ApiResponse inbox = tenants.staff(staffToken, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", Map.of("Count", 100)));
            assertThat(inbox).isOk();
            seen.append(inbox.body()).append('\n');
        }
        ApiResponse messages = tenants.staff(world.staffToken(), Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", world.threadIds(), "Limitation", Map.of("Count", 100)));
        assertThat(messages).isOk();
        return seen.append(messages.body()).toString();
    }

    @Test
    void noCallerEverSeesOrWritesWhatItDoesNotOwn() {
        int steps = SeededRandom.iterations("concierge.property.steps", 250);
        Deque<String> recent = new ArrayDeque<>();
        for (step = 1; step <= steps; step++) {
            try {
                randomStep();
                if (step % FULL_CHECK_EVERY == 0 || step == steps) {
                    current = "full check of every enterprise and every token after step " + step;
                    storeMatchesModel(enterprises);
                    if (step == steps) {
                        everyTokenSeesExactlyItsOwn();
                    }
                }
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(random.where("step " + step + " of " + steps + ": " + current)
                        + failure.getMessage() + "\nprevious steps, newest first:\n  " + String.join("\n  ", recent),
                        failure);
            }
            recent.addFirst(step + ": " + current);
            if (recent.size() > 8) {
                recent.removeLast();
            }
        }
    }

    private void randomStep() {
        if (random.chance(0.65)) {
            Token token = random.chance(0.05) ? tokens.getLast() : tokens.get(random.nextInt(tokens.size() - 1));
            switch (random.nextInt(11)) {
                case 0, 1, 2 -> tokenAddsThread(token);
                case 3, 4, 5 -> tokenAddsMessages(token);
                case 6, 7 -> tokenListsThreadsByIds(token);
                case 8 -> tokenListsThreadsByTime(token);
                case 9 -> tokenListsMessages(token);
                default -> tokenPagesFromACursor(token);
            }
        } else {
            UUID enterprise = random.pick(enterprises);
            switch (random.nextInt(8)) {
                case 0, 1 -> staffReplies(enterprise);
                case 2, 3 -> staffResolves(enterprise);
                case 4 -> staffListsInbox(enterprise);
                case 5 -> staffListsMessages(enterprise);
                default -> staffPagesFromACursor(enterprise);
            }
        }
    }

    // ----- Connector API

    private void tokenAddsThread(Token token) {
        UUID target;
        Object[] extra;
        int choice = random.nextInt(4);
        if (choice == 0) {
            target = token.integration().enterpriseId();
            extra = new Object[0];
        } else {
            target = choice == 3 ? foreignEnterprise(token) : random.pick(token.scope());
            extra = new Object[] {"EnterpriseId", target.toString()};
        }
        String subject = "Subject of step " + step;
        current = token.name() + " messageThreads/add " + (extra.length == 0 ? "without EnterpriseId" : "EnterpriseId=" + name(target));
        List<Object> body = new ArrayList<>(List.of("OriginalSender", "Guest " + step, "Subject", subject));
        body.addAll(List.of(extra));
        ApiResponse response = connector(token, Connector.MESSAGE_THREADS_ADD, body.toArray());

        if (token.disabled()) {
            assertThat(response).hasStatus(401).hasRequestId();
        } else if (token.scope().contains(target)) {
            assertThat(response).hasStatus(200).hasRequestId();
            JsonNode added = response.json().path("MessageThreads").get(0);
            UUID id = UUID.fromString(added.path("Id").asText());
            ThreadState thread = new ThreadState(id, token.clientId(), target, subject);
            threads.put(id, thread);
            names.put(id, "T" + threads.size());
            current += " -> " + name(id);
            assertThreadView(added, token::sees, false);
            // It landed in that enterprise: its staff find it there, owned by this client.
            ApiResponse inStaffInbox = staff(target, Staff.MESSAGE_THREADS_GET_ALL,
                    Map.of("MessageThreadIds", List.of(id.toString()), "Limitation", Map.of("Count", 10)));
            assertThat(inStaffInbox).hasStatus(200).hasRequestId();
            assertThat(ids(inStaffInbox.json().path("MessageThreads"))).as(inStaffInbox.toString()).containsExactly(id);
            return;
        } else {
            assertThat(response).isBadRequest().hasMessageContaining("EnterpriseId");
        }
        storeMatchesModel(withKnown(target, token.scope()));
    }

    private void tokenAddsMessages(Token token) {
        List<UUID> targets = threadIds(token::sees, 1 + random.nextInt(3));
        current = token.name() + " messages/add into " + names(targets);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            items.add(Map.of("MessageThreadId", targets.get(i).toString(), "Text", "Text " + step + "." + i,
                    "Identifier", "item-" + i));
        }
        ApiResponse response = connector(token, Connector.MESSAGES_ADD, "Messages", items);
        int firstForeign = firstIndexNot(targets, token::sees);

        if (token.disabled()) {
            assertThat(response).hasStatus(401).hasRequestId();
        } else if (firstForeign < 0) {
            assertThat(response).hasStatus(200).hasRequestId();
            recordAddedMessages(response, targets, "Application");
            targets.forEach(id -> threads.get(id).resolved = false); // a message from the token reopens (D11)
            return;
        } else {
            assertThat(response).isBadRequest().hasMessageContaining("Messages[" + firstForeign + "].MessageThreadId");
        }
        storeMatchesModel(enterprisesOf(targets));
    }

    private void tokenListsThreadsByIds(Token token) {
        List<UUID> wanted = threadIds(token::sees, 1 + random.nextInt(6));
        List<Object> body = new ArrayList<>(List.of("MessageThreadIds", strings(wanted), "Limitation", Map.of("Count", 1000)));
        Optional<List<UUID>> narrowed = Optional.empty();
        int foreignAt = -1;
        if (random.chance(0.4)) {
            List<UUID> enterpriseIds = new ArrayList<>(someOf(token.scope()));
            if (random.chance(0.25)) {
                foreignAt = random.nextInt(enterpriseIds.size() + 1);
                enterpriseIds.add(foreignAt, foreignEnterprise(token));
            }
            narrowed = Optional.of(enterpriseIds);
            body.addAll(List.of("EnterpriseIds", strings(enterpriseIds)));
        }
        current = token.name() + " messageThreads/getAll MessageThreadIds=" + names(wanted)
                + narrowed.map(ids -> " EnterpriseIds=" + names(ids)).orElse("");
        ApiResponse response = connector(token, Connector.MESSAGE_THREADS_GET_ALL, body.toArray());

        if (token.disabled()) {
            assertThat(response).hasStatus(401).hasRequestId();
        } else if (foreignAt >= 0) {
            assertThat(response).isBadRequest().hasMessageContaining("EnterpriseIds[" + foreignAt + "]");
        } else {
            assertThat(response).hasStatus(200).hasRequestId();
            Optional<List<UUID>> inEnterprises = narrowed;
            Predicate<ThreadState> visible = thread -> token.sees(thread)
                    && inEnterprises.map(ids -> ids.contains(thread.enterpriseId)).orElse(true);
            JsonNode page = response.json().path("MessageThreads");
            page.forEach(item -> assertThreadView(item, visible, false));
            assertThat(ids(page)).as("threads returned for %s", names(wanted))
                    .containsExactlyInAnyOrderElementsOf(known(wanted, visible));
        }
    }

    private void tokenListsThreadsByTime(Token token) {
        String field = random.pick("CreatedUtc", "UpdatedUtc");
        int count = random.pick(3, 10, 1000);
        List<UUID> enterpriseIds = random.chance(0.3) ? someOf(token.scope()) : token.scope();
        current = token.name() + " messageThreads/getAll by " + field + " in " + names(enterpriseIds) + ", pages of " + count;
        Predicate<ThreadState> visible = thread -> token.sees(thread) && enterpriseIds.contains(thread.enterpriseId);
        List<JsonNode> all = pageAll("MessageThreads", count, cursor -> connector(token, Connector.MESSAGE_THREADS_GET_ALL,
                field, interval(since, 1), "EnterpriseIds", strings(enterpriseIds), "Limitation", limitation(count, cursor)),
                token.disabled());
        if (!token.disabled()) {
            all.forEach(item -> assertThreadView(item, visible, false));
            assertThat(ids(all)).as("every thread %s may see, once", token.name())
                    .containsExactlyInAnyOrderElementsOf(matching(visible));
        }
    }

    private void tokenListsMessages(Token token) {
        List<UUID> wanted = threadIds(token::sees, 1 + random.nextInt(4));
        int count = random.pick(2, 1000);
        boolean byTime = random.chance(0.5);
        current = token.name() + " messages/getAll MessageThreadIds=" + names(wanted) + (byTime ? " by CreatedUtc" : "")
                + ", pages of " + count;
        List<JsonNode> all = pageAll("Messages", count, cursor -> {
            List<Object> body = new ArrayList<>(List.of("MessageThreadIds", strings(wanted), "Limitation", limitation(count, cursor)));
            if (byTime) {
                body.addAll(List.of("CreatedUtc", interval(since, 1)));
            }
            return connector(token, Connector.MESSAGES_GET_ALL, body.toArray());
        }, token.disabled());
        if (!token.disabled()) {
            all.forEach(item -> assertMessageView(item, token::sees));
            assertThat(ids(all)).as("messages of %s", names(wanted))
                    .containsExactlyInAnyOrderElementsOf(messagesOf(known(wanted, token::sees)));
        }
    }

    /** A cursor is taken only from an item the caller sees (D5); anything else is the same 400. */
    private void tokenPagesFromACursor(Token token) {
        boolean ofThread = random.chance(0.5);
        boolean own = random.chance(0.3);
        Predicate<ThreadState> mine = token::sees;
        Predicate<ThreadState> from = own ? mine : mine.negate();
        UUID cursor = ofThread ? cursorThread(from) : cursorMessage(from);
        current = token.name() + (ofThread ? " messageThreads/getAll" : " messages/getAll") + " with "
                + (own ? "its own" : "a foreign") + " cursor " + name(cursor);
        ApiResponse response = ofThread
                ? connector(token, Connector.MESSAGE_THREADS_GET_ALL, "CreatedUtc", interval(since, 1),
                        "Limitation", limitation(1000, cursor))
                : connector(token, Connector.MESSAGES_GET_ALL, "MessageThreadIds", strings(threadIds(token::sees, 2)),
                        "Limitation", limitation(1000, cursor));
        if (token.disabled()) {
            assertThat(response).hasStatus(401).hasRequestId();
        } else if (own && isKnownAndVisible(cursor, ofThread, token::sees)) {
            assertThat(response).hasStatus(200).hasRequestId();
            response.json().path(ofThread ? "MessageThreads" : "Messages").forEach(item -> {
                if (ofThread) {
                    assertThreadView(item, token::sees, false);
                } else {
                    assertMessageView(item, token::sees);
                }
            });
        } else {
            assertThat(response).isBadRequest().hasMessageContaining("Cursor");
        }
    }

    // ----- Staff API

    private void staffReplies(UUID enterprise) {
        Predicate<ThreadState> ours = thread -> thread.enterpriseId.equals(enterprise);
        List<UUID> targets = threadIds(ours, 1 + random.nextInt(3));
        current = "staff of " + name(enterprise) + " messages/add into " + names(targets);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            items.add(Map.of("MessageThreadId", targets.get(i).toString(), "Text", "Reply " + step + "." + i));
        }
        ApiResponse response = staff(enterprise, Staff.MESSAGES_ADD, Map.of("Messages", items));
        int firstForeign = firstIndexNot(targets, ours);
        if (firstForeign < 0) {
            assertThat(response).hasStatus(200).hasRequestId();
            recordAddedMessages(response, targets, "Enterprise");
        } else {
            assertThat(response).isBadRequest().hasMessageContaining("Messages[" + firstForeign + "].MessageThreadId");
            storeMatchesModel(withKnown(enterprise, enterprisesOf(targets)));
        }
    }

    private void staffResolves(UUID enterprise) {
        Predicate<ThreadState> ours = thread -> thread.enterpriseId.equals(enterprise);
        List<UUID> targets = threadIds(ours, 1 + random.nextInt(3));
        boolean resolved = random.nextBoolean();
        current = "staff of " + name(enterprise) + " messageThreads/resolve " + names(targets) + " IsResolved=" + resolved;
        ApiResponse response = staff(enterprise, Staff.MESSAGE_THREADS_RESOLVE,
                Map.of("MessageThreadIds", strings(targets), "IsResolved", resolved));
        int firstForeign = firstIndexNot(targets, ours);
        if (firstForeign < 0) {
            assertThat(response).hasStatus(200).hasRequestId();
            targets.forEach(id -> threads.get(id).resolved = resolved);
            JsonNode updated = response.json().path("MessageThreads");
            updated.forEach(item -> assertThreadView(item, ours, true));
            assertThat(ids(updated)).as(response.toString()).containsExactlyElementsOf(new LinkedHashSet<>(targets));
        } else {
            assertThat(response).isBadRequest().hasMessageContaining("MessageThreadIds[" + firstForeign + "]");
            storeMatchesModel(withKnown(enterprise, enterprisesOf(targets)));
        }
    }

    private void staffListsInbox(UUID enterprise) {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<Boolean> resolved = random.chance(0.4) ? Optional.of(random.nextBoolean()) : Optional.empty();
        resolved.ifPresent(value -> body.put("IsResolved", value));
        Optional<List<UUID>> wanted = Optional.empty();
        if (random.chance(0.4)) {
            wanted = Optional.of(threadIds(thread -> thread.enterpriseId.equals(enterprise), 1 + random.nextInt(5)));
            body.put("MessageThreadIds", strings(wanted.get()));
        }
        int count = random.pick(5, 1000);
        current = "staff of " + name(enterprise) + " messageThreads/getAll" + resolved.map(value -> " IsResolved=" + value).orElse("")
                + wanted.map(ids -> " MessageThreadIds=" + names(ids)).orElse("") + ", pages of " + count;
        Optional<List<UUID>> filter = wanted;
        Predicate<ThreadState> visible = thread -> thread.enterpriseId.equals(enterprise)
                && resolved.map(value -> thread.resolved == value).orElse(true)
                && filter.map(ids -> ids.contains(thread.id)).orElse(true);
        List<JsonNode> all = pageAll("MessageThreads", count, cursor -> {
            Map<String, Object> page = new LinkedHashMap<>(body);
            page.put("Limitation", limitation(count, cursor));
            return staff(enterprise, Staff.MESSAGE_THREADS_GET_ALL, page);
        }, false);
        all.forEach(item -> assertThreadView(item, visible, true));
        assertThat(ids(all)).as("inbox of %s", name(enterprise)).containsExactlyInAnyOrderElementsOf(matching(visible));
    }

    private void staffListsMessages(UUID enterprise) {
        Predicate<ThreadState> ours = thread -> thread.enterpriseId.equals(enterprise);
        List<UUID> wanted = threadIds(ours, 1 + random.nextInt(4));
        current = "staff of " + name(enterprise) + " messages/getAll MessageThreadIds=" + names(wanted);
        List<JsonNode> all = pageAll("Messages", 1000, cursor -> staff(enterprise, Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", strings(wanted), "Limitation", limitation(1000, cursor))), false);
        all.forEach(item -> assertMessageView(item, ours));
        assertThat(ids(all)).as("messages of %s", names(wanted))
                .containsExactlyInAnyOrderElementsOf(messagesOf(known(wanted, ours)));
    }

    private void staffPagesFromACursor(UUID enterprise) {
        Predicate<ThreadState> foreign = thread -> !thread.enterpriseId.equals(enterprise);
        boolean ofThread = random.chance(0.5);
        UUID cursor = ofThread ? cursorThread(foreign) : cursorMessage(foreign);
        current = "staff of " + name(enterprise) + (ofThread ? " messageThreads/getAll" : " messages/getAll")
                + " with the foreign cursor " + name(cursor);
        ApiResponse response = ofThread
                ? staff(enterprise, Staff.MESSAGE_THREADS_GET_ALL, Map.of("Limitation", limitation(10, cursor)))
                : staff(enterprise, Staff.MESSAGES_GET_ALL, Map.of("MessageThreadIds",
                        strings(threadIds(foreign.negate(), 2)), "Limitation", limitation(10, cursor)));
        assertThat(response).isBadRequest().hasMessageContaining("Cursor");
    }

    // ----- checks against the model

    /** Each enterprise's staff see exactly the threads and messages the model puts there, unresolved as modelled. */
    private void storeMatchesModel(Collection<UUID> enterpriseIds) {
        for (UUID enterprise : new LinkedHashSet<>(enterpriseIds)) {
            Predicate<ThreadState> ours = thread -> thread.enterpriseId.equals(enterprise);
            List<JsonNode> inbox = pageAll("MessageThreads", 1000, cursor -> staff(enterprise, Staff.MESSAGE_THREADS_GET_ALL,
                    Map.of("Limitation", limitation(1000, cursor))), false);
            inbox.forEach(item -> assertThreadView(item, ours, true));
            List<UUID> expected = matching(ours);
            assertThat(ids(inbox)).as("threads stored in %s", name(enterprise)).containsExactlyInAnyOrderElementsOf(expected);
            List<UUID> messages = new ArrayList<>();
            for (List<UUID> chunk : chunks(expected)) {
                ids(pageAll("Messages", 1000, cursor -> staff(enterprise, Staff.MESSAGES_GET_ALL,
                        Map.of("MessageThreadIds", strings(chunk), "Limitation", limitation(1000, cursor))), false))
                        .forEach(messages::add);
            }
            assertThat(messages).as("messages stored in %s", name(enterprise))
                    .containsExactlyInAnyOrderElementsOf(messagesOf(expected));
        }
    }

    /** At the end: every token lists exactly its own threads and their messages, whatever Ids it asks for. */
    private void everyTokenSeesExactlyItsOwn() {
        for (Token token : tokens) {
            List<JsonNode> listed = pageAll("MessageThreads", 1000, cursor -> connector(token, Connector.MESSAGE_THREADS_GET_ALL,
                    "CreatedUtc", interval(since, 1), "Limitation", limitation(1000, cursor)), token.disabled());
            if (token.disabled()) {
                continue;
            }
            assertThat(ids(listed)).as("threads of %s", token.name()).containsExactlyInAnyOrderElementsOf(matching(token::sees));
            List<JsonNode> messages = new ArrayList<>();
            for (List<UUID> chunk : chunks(new ArrayList<>(threads.keySet()))) {
                messages.addAll(pageAll("Messages", 1000, cursor -> connector(token, Connector.MESSAGES_GET_ALL,
                        "MessageThreadIds", strings(chunk), "Limitation", limitation(1000, cursor)), false));
            }
            messages.forEach(item -> assertMessageView(item, token::sees));
            assertThat(ids(messages)).as("messages of %s", token.name())
                    .containsExactlyInAnyOrderElementsOf(messagesOf(matching(token::sees)));
        }
    }

    private void assertThreadView(JsonNode item, Predicate<ThreadState> allowed, boolean staffView) {
        UUID id = UUID.fromString(item.path("Id").asText());
        ThreadState thread = threads.get(id);
        assertThat(thread).as("a thread this test never made was returned: %s", item).isNotNull();
        assertThat(allowed.test(thread)).as("%s of %s in %s was returned but is not the caller's: %s",
                name(id), name(thread.clientId), name(thread.enterpriseId), item).isTrue();
        assertThat(item.path("Subject").asText()).as(item.toString()).isEqualTo(thread.subject);
        assertThat(item.path("IsResolved").asBoolean()).as("IsResolved of %s: %s", name(id), item).isEqualTo(thread.resolved);
        if (staffView) {
            assertThat(item.path("ClientId").asText()).as(item.toString()).isEqualTo(thread.clientId.toString());
        }
    }

    private void assertMessageView(JsonNode item, Predicate<ThreadState> allowed) {
        UUID id = UUID.fromString(item.path("Id").asText());
        UUID threadId = messageThreads.get(id);
        assertThat(threadId).as("a message this test never added was returned: %s", item).isNotNull();
        assertThat(item.path("MessageThreadId").asText()).as(item.toString()).isEqualTo(threadId.toString());
        ThreadState thread = threads.get(threadId);
        assertThat(allowed.test(thread)).as("%s of %s (%s in %s) was returned but is not the caller's",
                name(id), name(threadId), name(thread.clientId), name(thread.enterpriseId)).isTrue();
    }

    private void recordAddedMessages(ApiResponse response, List<UUID> targets, String sender) {
        JsonNode added = response.json().path("Messages");
        assertThat(added.size()).as(response.toString()).isEqualTo(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            JsonNode message = added.get(i).path("Message");
            assertThat(message.path("MessageThreadId").asText()).as(response.toString()).isEqualTo(targets.get(i).toString());
            assertThat(message.path("Sender").path("Discriminator").asText()).as(response.toString()).isEqualTo(sender);
            UUID id = UUID.fromString(message.path("Id").asText());
            messageThreads.put(id, targets.get(i));
            names.put(id, "M" + messageThreads.size());
        }
    }

    /** Follows cursors until an empty page; a disabled caller must get 401 on the first page. */
    private List<JsonNode> pageAll(String array, int count, Function<UUID, ApiResponse> call, boolean unauthorized) {
        List<JsonNode> all = new ArrayList<>();
        UUID cursor = null;
        int maxPages = (threads.size() + messageThreads.size()) / count + 3;
        for (int page = 0; page < maxPages; page++) {
            ApiResponse response = call.apply(cursor);
            if (unauthorized) {
                assertThat(response).hasStatus(401).hasRequestId();
                return all;
            }
            assertThat(response).hasStatus(200).hasRequestId();
            JsonNode items = response.json().path(array);
            assertThat(items.size()).as(response.toString()).isLessThanOrEqualTo(count);
            if (items.isEmpty()) {
                return all;
            }
            items.forEach(all::add);
            cursor = UUID.fromString(response.json().path("Cursor").asText());
        }
        throw new AssertionError("paging " + array + " did not end after " + maxPages + " pages");
    }

    // ----- random choices

    /** Ids for a request: sometimes only the caller's own, otherwise a mix of own, foreign and unknown ones. */
    private List<UUID> threadIds(Predicate<ThreadState> own, int size) {
        List<UUID> mine = matching(own);
        List<UUID> others = matching(own.negate());
        boolean onlyOwn = !mine.isEmpty() && random.chance(0.5);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int roll = random.nextInt(100);
            if (!mine.isEmpty() && (onlyOwn || roll < 50)) {
                ids.add(random.pick(mine));
            } else if (!others.isEmpty() && roll < 90) {
                ids.add(random.pick(others));
            } else {
                ids.add(random.uuid());
            }
        }
        return ids;
    }

    private UUID cursorThread(Predicate<ThreadState> from) {
        List<UUID> candidates = matching(from);
        return candidates.isEmpty() || random.chance(0.1) ? random.uuid() : random.pick(candidates);
    }

    private UUID cursorMessage(Predicate<ThreadState> from) {
        List<UUID> candidates = messageThreads.entrySet().stream()
                .filter(entry -> from.test(threads.get(entry.getValue()))).map(Map.Entry::getKey).toList();
        return candidates.isEmpty() || random.chance(0.1) ? random.uuid() : random.pick(candidates);
    }

    private boolean isKnownAndVisible(UUID cursor, boolean ofThread, Predicate<ThreadState> visible) {
        UUID threadId = ofThread ? cursor : messageThreads.get(cursor);
        return threadId != null && threads.containsKey(threadId) && visible.test(threads.get(threadId));
    }

    /** An enterprise outside the token's scope: another tenant of this test, or one that does not exist. */
    private UUID foreignEnterprise(Token token) {
        List<UUID> outside = enterprises.stream().filter(id -> !token.scope().contains(id)).toList();
        return outside.isEmpty() || random.chance(0.2) ? random.uuid() : random.pick(outside);
    }

    /** A non-empty random selection, in random order. */
    private List<UUID> someOf(List<UUID> items) {
        List<UUID> shuffled = new ArrayList<>(items);
        java.util.Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, 1 + random.nextInt(shuffled.size())));
    }

    // ----- small helpers

    private ApiResponse connector(Token token, String path, Object... namesAndValues) {
        return api.post(path, token.integration().body(namesAndValues));
    }

    private ApiResponse staff(UUID enterprise, String path, Map<String, Object> body) {
        return api.post(path, body, "Authorization", "Bearer " + staffTokens.get(enterprise));
    }

    private List<UUID> matching(Predicate<ThreadState> predicate) {
        return threads.values().stream().filter(predicate).map(thread -> thread.id).toList();
    }

    /** The distinct known threads among {@code ids} that pass {@code predicate}. */
    private List<UUID> known(List<UUID> ids, Predicate<ThreadState> predicate) {
        return new LinkedHashSet<>(ids).stream().filter(threads::containsKey)
                .filter(id -> predicate.test(threads.get(id))).toList();
    }

    private List<UUID> messagesOf(List<UUID> threadIds) {
        Set<UUID> wanted = new HashSet<>(threadIds);
        return messageThreads.entrySet().stream().filter(entry -> wanted.contains(entry.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    private List<UUID> enterprisesOf(List<UUID> threadIds) {
        return threadIds.stream().filter(threads::containsKey).map(id -> threads.get(id).enterpriseId).distinct().toList();
    }

    /** {@code first} if it is one of this test's enterprises, plus {@code others}. */
    private List<UUID> withKnown(UUID first, Collection<UUID> others) {
        List<UUID> all = new ArrayList<>();
        if (enterprises.contains(first)) {
            all.add(first);
        }
        all.addAll(others);
        return all;
    }

    private int firstIndexNot(List<UUID> threadIds, Predicate<ThreadState> allowed) {
        for (int i = 0; i < threadIds.size(); i++) {
            ThreadState thread = threads.get(threadIds.get(i));
            if (thread == null || !allowed.test(thread)) {
                return i;
            }
        }
        return -1;
    }

    private static List<UUID> ids(Iterable<JsonNode> items) {
        List<UUID> ids = new ArrayList<>();
        items.forEach(item -> ids.add(UUID.fromString(item.path("Id").asText())));
        return ids;
    }

    /** Id filters take at most 1000 items. */
    private static List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + 1000)));
        }
        return chunks;
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static Map<String, Object> interval(Instant start, int days) {
        return Map.of("StartUtc", start.toString(), "EndUtc", start.plus(Duration.ofDays(days)).toString());
    }

    private static Map<String, Object> limitation(int count, UUID cursor) {
        Map<String, Object> limitation = new LinkedHashMap<>();
        limitation.put("Count", count);
        if (cursor != null) {
            limitation.put("Cursor", cursor.toString());
        }
        return limitation;
    }

    private String name(UUID id) {
        return names.getOrDefault(id, "unknown " + id);
    }

    private String names(List<UUID> ids) {
        return ids.stream().map(this::name).toList().toString();
    }
}
