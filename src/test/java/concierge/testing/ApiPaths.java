package concierge.testing;

/**
 * The path of every operation, as an integration sends it: the one place tests name them. Written out
 * rather than taken from the server's code, so a path that moves fails the tests. {@link Operations}
 * says how to call each one.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    /** The Connector API: credentials in the body. */
    public static final class Connector {
        public static final String PREFIX = "/api/connector/v1/";
        public static final String MESSAGE_THREADS_GET_ALL = PREFIX + "messageThreads/getAll";
        public static final String MESSAGE_THREADS_ADD = PREFIX + "messageThreads/add";
        public static final String MESSAGES_GET_ALL = PREFIX + "messages/getAll";
        public static final String MESSAGES_ADD = PREFIX + "messages/add";

        private Connector() {
        }
    }

    /** The staff API: a staff token as bearer. */
    public static final class Staff {
        public static final String PREFIX = "/api/staff/v1/";
        public static final String MESSAGE_THREADS_GET_ALL = PREFIX + "messageThreads/getAll";
        public static final String MESSAGE_THREADS_RESOLVE = PREFIX + "messageThreads/resolve";
        public static final String MESSAGES_GET_ALL = PREFIX + "messages/getAll";
        public static final String MESSAGES_ADD = PREFIX + "messages/add";
        /** The event stream: a GET, read with {@link EventStreamReader}. */
        public static final String EVENTS = PREFIX + "events";

        private Staff() {
        }
    }

    /** The admin API: the admin token as bearer. */
    public static final class Admin {
        public static final String PREFIX = "/api/admin/v1/";
        public static final String ENTERPRISES_ADD = PREFIX + "enterprises/add";
        public static final String ENTERPRISES_GET_ALL = PREFIX + "enterprises/getAll";
        public static final String CLIENTS_ADD = PREFIX + "clients/add";
        public static final String CLIENTS_GET_ALL = PREFIX + "clients/getAll";
        public static final String CLIENTS_UPDATE = PREFIX + "clients/update";
        public static final String INTEGRATIONS_ADD = PREFIX + "integrations/add";
        public static final String INTEGRATIONS_GET_ALL = PREFIX + "integrations/getAll";
        public static final String INTEGRATIONS_DISABLE = PREFIX + "integrations/disable";
        public static final String INTEGRATIONS_ENABLE = PREFIX + "integrations/enable";
        public static final String STAFF_TOKENS_ADD = PREFIX + "staffTokens/add";
        public static final String STAFF_TOKENS_GET_ALL = PREFIX + "staffTokens/getAll";
        public static final String STAFF_TOKENS_DISABLE = PREFIX + "staffTokens/disable";
        public static final String WEBHOOKS_GET_ALL = PREFIX + "webhooks/getAll";
        public static final String WEBHOOKS_GET_ATTEMPTS = PREFIX + "webhooks/getAttempts";
        public static final String WEBHOOKS_REPLAY = PREFIX + "webhooks/replay";
        public static final String WEBHOOKS_SEND_TEST = PREFIX + "webhooks/sendTest";
        /** Puts the database back to the demo data; refused on the shared test servers (TestServers). */
        public static final String RESET = PREFIX + "reset";
        public static final String REQUESTS_GET_ALL = PREFIX + "requests/getAll";

        private Admin() {
        }
    }

    /** The benchmark's operation, served only with CONCIERGE_BENCH_ENDPOINTS (bench/README.md). */
    public static final class Bench {
        public static final String NOOP = "/api/bench/v1/noop";

        private Bench() {
        }
    }
}
