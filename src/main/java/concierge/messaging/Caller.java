package concierge.messaging;

import concierge.errors.InvalidRequestException;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Who calls a messaging use case: an application through its access token, or hotel staff of one
 * enterprise. Each knows which threads it sees, the name of its credential in errors, who its messages
 * are from and whether they reopen a resolved thread; the use cases hold only what is the same for both.
 */
public sealed interface Caller {

    /** The enterprises the credential reaches: a request may narrow its reads to some of them. */
    List<EnterpriseId> enterpriseIds();

    /** The threads of {@code enterprises} this caller may see. */
    ThreadScope scopeIn(List<EnterpriseId> enterprises);

    /** How errors name the credential: "AccessToken", "staff token". */
    String tokenName();

    /** Who the messages this caller adds are from. */
    Sender sender();

    /** Whether a message this caller adds marks its thread unresolved. */
    boolean reopensThreads();

    /** Every thread this caller may see: what a Cursor may name and where messages may go. */
    default ThreadScope scope() {
        return scopeIn(enterpriseIds());
    }

    /** The threads of the EnterpriseIds asked for (default: all the credential reaches); each must be reachable. */
    default ThreadScope scopeNarrowedTo(Optional<List<EnterpriseId>> requested) {
        if (requested.isEmpty()) {
            return scope();
        }
        List<EnterpriseId> ids = requested.get();
        for (int i = 0; i < ids.size(); i++) {
            if (!enterpriseIds().contains(ids.get(i))) {
                throw InvalidRequestException.field("EnterpriseIds[" + i + "]",
                        "the enterprise " + ids.get(i) + " is not in the scope of the " + tokenName() + ".");
            }
        }
        return scopeIn(List.copyOf(new LinkedHashSet<>(ids)));
    }

    /**
     * A client application through one integration, whose access token reaches {@code enterpriseIds}
     * (one enterprise, or several for a portfolio token). It sees only its own threads, and its
     * messages reopen a resolved thread. {@code clientName} is the client's registered name, which
     * names the caller to operators (the request's log line).
     */
    record Application(ClientId clientId, String clientName, IntegrationId integrationId, List<EnterpriseId> enterpriseIds,
                       EnterpriseId defaultEnterpriseId)
            implements Caller {

        public Application {
            enterpriseIds = List.copyOf(enterpriseIds);
        }

        public boolean reaches(EnterpriseId enterpriseId) {
            return enterpriseIds.contains(enterpriseId);
        }

        @Override
        public ThreadScope scopeIn(List<EnterpriseId> enterprises) {
            return ThreadScope.ofClient(clientId, enterprises);
        }

        @Override
        public String tokenName() {
            return "AccessToken";
        }

        @Override
        public Sender sender() {
            return Sender.APPLICATION;
        }

        @Override
        public boolean reopensThreads() {
            return true;
        }
    }

    /**
     * Hotel staff of one enterprise: they see every thread of it, whoever opened it, and their replies
     * leave IsResolved as it is.
     */
    record Staff(EnterpriseId enterpriseId) implements Caller {

        @Override
        public List<EnterpriseId> enterpriseIds() {
            return List.of(enterpriseId);
        }

        @Override
        public ThreadScope scopeIn(List<EnterpriseId> enterprises) {
            return ThreadScope.ofEnterprises(enterprises);
        }

        @Override
        public String tokenName() {
            return "staff token";
        }

        @Override
        public Sender sender() {
            return Sender.ENTERPRISE;
        }

        @Override
        public boolean reopensThreads() {
            return false;
        }
    }
}
