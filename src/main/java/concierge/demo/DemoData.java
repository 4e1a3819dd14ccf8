package concierge.demo;

import concierge.admin.Enterprise;
import concierge.admin.ProvisioningStore;
import concierge.admin.ProvisioningStore.StoredClient;
import concierge.admin.ProvisioningStore.StoredIntegration;
import concierge.auth.Tokens;
import concierge.ids.ClientId;
import concierge.ids.EnterpriseId;
import concierge.ids.IntegrationId;
import concierge.ids.MessageId;
import concierge.ids.MessageThreadId;
import concierge.messaging.Message;
import concierge.messaging.MessageRepository;
import concierge.messaging.MessageThread;
import concierge.messaging.MessageThreadRepository;
import concierge.messaging.Sender;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo data set, seeded into an empty database. It uses the public demo tokens of the Connector
 * API documentation, so the documentation's examples work verbatim: the getAll example request
 * returns exactly the documented example thread.
 */
public final class DemoData {

    public static final EnterpriseId LONDON = new EnterpriseId(UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
    public static final EnterpriseId WASHINGTON =
            new EnterpriseId(UUID.fromString("4d0201db-36f5-428b-8d11-4f0a65e960cc"));

    public static final String CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
    /** Portfolio token over both enterprises; London is its default. */
    public static final String ACCESS_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";
    /** The same client's single-enterprise token for Washington. */
    public static final String WASHINGTON_ACCESS_TOKEN = "4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5";

    public static final String SECOND_CLIENT_TOKEN = "E916C341431C4D28A866AD200152DBD3-A046EB5583FFBE94DE1172237763712";
    public static final String SECOND_ACCESS_TOKEN = "CC150C355D6A4048A220AD20015483AB-B6D09C0C84B09538077CB8FFBB907B4";

    public static final String LONDON_STAFF_TOKEN = "demo-staff-london-3fa85f64571745628b3fc2c963f66afa6";
    public static final String WASHINGTON_STAFF_TOKEN = "demo-staff-washington-4d0201db36f5428b8d114f0a65e960cc";

    /** The thread the documentation's example response shows, and the cursor its example request sends. */
    public static final MessageThreadId EXAMPLE_THREAD = thread("7f9325f6-ef44-4911-89a8-ae51010a5aa4");
    public static final MessageThreadId EXAMPLE_CURSOR_THREAD = thread("e7f26210-10e7-462e-9da8-ae8300be8ab7");
    /** The message the documentation's messages examples show. */
    public static final MessageId EXAMPLE_MESSAGE =
            new MessageId(UUID.fromString("4bfe4675-98a9-4428-9ea9-ae5300dbaa93"));

    private static final ClientId CLIENT = new ClientId(idOf(CLIENT_TOKEN));
    private static final IntegrationId PORTFOLIO_INTEGRATION = new IntegrationId(idOf(ACCESS_TOKEN));
    private static final IntegrationId WASHINGTON_INTEGRATION = new IntegrationId(idOf(WASHINGTON_ACCESS_TOKEN));
    private static final ClientId SECOND_CLIENT = new ClientId(idOf(SECOND_CLIENT_TOKEN));
    private static final IntegrationId SECOND_INTEGRATION = new IntegrationId(idOf(SECOND_ACCESS_TOKEN));

    private DemoData() {
    }

    /** Seeds the demo data when the database holds no enterprise yet; says whether it did. */
    public static boolean seedIfEmpty(ProvisioningStore provisioning, MessageThreadRepository threads,
                                      MessageRepository messages) {
        if (!provisioning.isEmpty()) {
            return false;
        }
        provisioning.addEnterprises(List.of(
                new Enterprise(LONDON, "Concierge Demo Hotel London"),
                new Enterprise(WASHINGTON, "Concierge Demo Hotel Washington")));
        provisioning.addClients(List.of(
                new StoredClient(CLIENT, "Sample Client", Tokens.hash(CLIENT_TOKEN), Optional.empty()),
                new StoredClient(SECOND_CLIENT, "Second Sample Client", Tokens.hash(SECOND_CLIENT_TOKEN),
                        Optional.empty())));
        provisioning.addIntegrations(List.of(
                new StoredIntegration(PORTFOLIO_INTEGRATION, CLIENT, Tokens.hash(ACCESS_TOKEN), List.of(LONDON, WASHINGTON)),
                new StoredIntegration(WASHINGTON_INTEGRATION, CLIENT, Tokens.hash(WASHINGTON_ACCESS_TOKEN),
                        List.of(WASHINGTON)),
                new StoredIntegration(SECOND_INTEGRATION, SECOND_CLIENT, Tokens.hash(SECOND_ACCESS_TOKEN), List.of(LONDON))));
        provisioning.addStaffToken(UUID.randomUUID(), Tokens.hash(LONDON_STAFF_TOKEN), LONDON);
        provisioning.addStaffToken(UUID.randomUUID(), Tokens.hash(WASHINGTON_STAFF_TOKEN), WASHINGTON);

        // Oldest first, so that insertion order agrees with creation order.
        thread(threads, "0b6f2a51-3c1e-4f7d-9a0e-5d2c7b8e1f01", CLIENT, LONDON, PORTFOLIO_INTEGRATION,
                "Maria Garcia", "Airport transfer", "2022-02-25T09:12:00Z", "2022-02-25T09:12:00Z", true);
        thread(threads, "5c1d9e7a-2b4f-4a8e-8c3d-6e0f1a2b3c02", SECOND_CLIENT, LONDON, SECOND_INTEGRATION,
                "Peter Novak", "Room upgrade", "2022-03-05T11:00:00Z", "2022-03-05T11:00:00Z", false);
        thread(threads, EXAMPLE_THREAD.toString(), CLIENT, LONDON, PORTFOLIO_INTEGRATION,
                "John Doe", "Example subject", "2022-03-07T16:09:45Z", "2022-03-07T16:09:45Z", false);
        thread(threads, EXAMPLE_CURSOR_THREAD.toString(), CLIENT, LONDON, PORTFOLIO_INTEGRATION,
                "Jane Smith", "Late check-in", "2022-03-10T08:30:00Z", "2022-03-10T08:30:00Z", false);
        thread(threads, "8d02142f-31cf-4115-90bf-ae5200c7a1ba", CLIENT, WASHINGTON, PORTFOLIO_INTEGRATION,
                "John Doe", "Parking", "2022-03-11T12:00:00Z", "2022-03-11T12:00:00Z", false);
        thread(threads, "a3e4b5c6-d7e8-4f90-a1b2-c3d4e5f60703", CLIENT, WASHINGTON, WASHINGTON_INTEGRATION,
                "Akira Tanaka", "Extra towels", "2026-10-01T18:45:00Z", "2026-10-01T18:45:00Z", false);
        thread(threads, "f1e2d3c4-b5a6-4978-8695-a4b3c2d10904", SECOND_CLIENT, LONDON, SECOND_INTEGRATION,
                "Lena Fischer", "Breakfast hours", "2026-10-02T07:05:00Z", "2026-10-02T07:05:00Z", false);

        // Each message moves its thread's UpdatedUtc to the message's time, as the API does (D11).
        // The documented example message goes in at the moment its thread was opened, so that the
        // thread still answers the getAll example exactly.
        message(messages, "0b6f2a51-3c1e-4f7d-9a0e-5d2c7b8e1f01", CLIENT, LONDON, Sender.APPLICATION,
                "Could you arrange a transfer from Heathrow on Friday?", "2022-02-25T09:12:00Z");
        message(messages, "0b6f2a51-3c1e-4f7d-9a0e-5d2c7b8e1f01", CLIENT, LONDON, Sender.ENTERPRISE,
                "Booked for 14:00, the driver will wait at arrivals.", "2022-02-25T10:00:00Z");
        message(messages, "5c1d9e7a-2b4f-4a8e-8c3d-6e0f1a2b3c02", SECOND_CLIENT, LONDON, Sender.APPLICATION,
                "Any chance of an upgrade to a suite?", "2022-03-05T11:00:00Z");
        messages.add(List.of(new Message(EXAMPLE_MESSAGE, EXAMPLE_THREAD, CLIENT, LONDON, Sender.APPLICATION,
                "Text of the message", Optional.of("Message 1"), Instant.parse("2022-03-07T16:09:45Z"))),
                false, Instant.parse("2022-03-07T16:09:45Z"));
        message(messages, EXAMPLE_CURSOR_THREAD.toString(), CLIENT, LONDON, Sender.APPLICATION,
                "We will arrive around midnight.", "2022-03-10T08:30:00Z");
        message(messages, EXAMPLE_CURSOR_THREAD.toString(), CLIENT, LONDON, Sender.ENTERPRISE,
                "No problem, the night desk will have your keys.", "2022-03-10T09:02:00Z");
        message(messages, "8d02142f-31cf-4115-90bf-ae5200c7a1ba", CLIENT, WASHINGTON, Sender.APPLICATION,
                "Is there parking at the hotel?", "2022-03-11T12:00:00Z");
        message(messages, "8d02142f-31cf-4115-90bf-ae5200c7a1ba", CLIENT, WASHINGTON, Sender.ENTERPRISE,
                "Yes, in our garage on 5th Street.", "2022-03-11T12:20:00Z");
        message(messages, "a3e4b5c6-d7e8-4f90-a1b2-c3d4e5f60703", CLIENT, WASHINGTON, Sender.APPLICATION,
                "Could I get extra towels in room 214?", "2026-10-01T18:45:00Z");
        message(messages, "f1e2d3c4-b5a6-4978-8695-a4b3c2d10904", SECOND_CLIENT, LONDON, Sender.APPLICATION,
                "Is breakfast served on Sundays?", "2026-10-02T07:05:00Z");
        return true;
    }

    private static void message(MessageRepository messages, String threadId, ClientId client,
                                EnterpriseId enterprise, Sender sender, String text, String created) {
        Instant at = Instant.parse(created);
        messages.add(List.of(new Message(new MessageId(UUID.randomUUID()), thread(threadId), client, enterprise, sender,
                text, Optional.empty(), at)), false, at);
    }

    private static void thread(MessageThreadRepository threads, String id, ClientId client, EnterpriseId enterprise,
                               IntegrationId integration, String sender, String subject, String created,
                               String updated, boolean resolved) {
        threads.add(new MessageThread(thread(id), client, enterprise, integration, sender, subject,
                Instant.parse(created), Instant.parse(updated), resolved));
    }

    private static MessageThreadId thread(String id) {
        return new MessageThreadId(UUID.fromString(id));
    }

    /** The public demo tokens start with their owner's Id in hex, as the API's tokens do. */
    private static UUID idOf(String token) {
        String hex = token.substring(0, 32).toLowerCase(java.util.Locale.ROOT);
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }
}
