package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiClient;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import concierge.testing.Tenants;
import concierge.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.openqa.selenium.By;

/**
 * The README's screenshots of the console, from a real browser, at a phone's width (390 px) and on a
 * wide screen (1440 px): Tenants with a token just issued, and Webhooks with a failed batch's attempts.
 * A test run writes them to target/screenshots/; {@code -Dconcierge.screenshots=docs/screenshots}
 * refreshes the README's.
 */
@Tag("slow")
class ConsoleScreenshotsTest extends OnH2 {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static App app;

    @BeforeParameterizedClassInvocation
    static void startWithTheDemoDataAndDeliveriesThatGiveUpQuickly(Engine engine) {
        app = TestServers.start(engine, Map.of("CONCIERGE_DEMO", "true", "CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "1",
                "CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "1", "CONCIERGE_WEBHOOK_POLL_MILLIS", "100"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    @Override
    protected App server() {
        return app;
    }

    @Test
    void theConsoleIsPhotographedAtAPhonesWidthAndOnAWideScreen() {
        try (WebhookReceiver failing = WebhookReceiver.start().answerAlways(WebhookReceiver.Answer.status(500));
             WebhookReceiver working = WebhookReceiver.start();
             Browser browser = Browser.open()) {
            Tenants.Client booking = client("Booking Engine", working.url("/hooks/concierge"));
            Tenants.Integration bookingApp = tenants.integration(booking, enterprise("Hotel Borealis"));
            tenants.addMessages(bookingApp, tenants.addThread(bookingApp, "Subject", "Airport transfer").path("Id").asText(),
                    "Could you book a taxi for 6 am?");
            working.awaitRequests(1, PATIENCE);
            Tenants.Client guestApp = client("Concierge Chat", failing.url("/webhooks/messages"));
            Tenants.Integration guest = tenants.integration(guestApp, enterprise("Seaside Inn"));
            tenants.addMessages(guest, tenants.addThread(guest, "Subject", "Late check-in").path("Id").asText(),
                    "We land at 11 pm; is late check-in possible?");
            failing.awaitRequests(1, PATIENCE);

            ConsolePage console = new ConsolePage(browser, app);
            browser.size(1440, 1000);
            browser.colorScheme("light");
            console.signedIn();
            console.addEnterprise("Hotel Aurora");
            console.addClient("Guest App", "https://guest-app.example.com/hooks/concierge");
            console.addIntegration("Guest App", "Hotel Aurora", "Concierge Demo Hotel London");
            console.issuedToken("AccessToken");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("console-wide-tenants-light.png", 1440);

            browser.size(390, 844);
            browser.screenshot("console-phone-tenants-light.png", 390);

            browser.button("Done, hide it").click();
            tenants.api().post(concierge.testing.ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, guest.body(
                    "MessageThreadIds", List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 10)));
            String refused = tenants.api().post(concierge.testing.ApiPaths.Connector.MESSAGES_ADD, guest.body(
                    "Messages", List.of(Map.of("MessageThreadId", UUID.randomUUID().toString(), "Text", "Hello"))))
                    .header("Request-Id");
            console.section("Requests");
            browser.size(1440, 1000);
            console.type("RequestId", refused);
            browser.waitFor(() -> {
                browser.button("Search").click();
                return !console.rows("Requests").isEmpty();
            }, "the refused request in the log");
            console.type("RequestId", " ");
            browser.button("Search").click();
            browser.waitFor(() -> console.rows("Requests").size() >= 4, "the requests");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("console-wide-requests-light.png", 1440);
            browser.size(390, 844);
            browser.script("document.getElementById('logged').scrollIntoView()");
            browser.screenshot("console-phone-requests-light.png", 390);

            browser.size(390, 844);
            browser.colorScheme("dark");
            console.section("Webhooks");
            browser.waitFor(() -> {
                browser.button("Refresh").click();
                return console.rows("Webhook batches").stream().anyMatch(row -> row.contains("Dead"));
            }, "a dead batch");
            String dead = browser.table("Webhook batches").findElements(By.xpath("./tbody/tr")).stream()
                    .filter(row -> row.getText().contains("Dead")).findFirst().orElseThrow()
                    .findElement(By.tagName("code")).getText();
            browser.button("Details of batch " + dead).click();
            browser.waitFor(() -> !console.rows("Attempts").isEmpty(), "the attempts");
            browser.script("document.getElementById('batch').scrollIntoView()");
            browser.screenshot("console-phone-webhooks-dark.png", 390);
            browser.size(1440, 1000);
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("console-wide-webhooks-dark.png", 1440);
        }
    }

    /** Not in the README: the sign-in with an error, for a person to look at. */
    @Test
    void theSignInWithAnErrorIsPhotographedAtAPhonesWidth() {
        try (Browser browser = Browser.open()) {
            browser.size(390, 844);
            browser.colorScheme("light");
            ConsolePage console = new ConsolePage(browser, app).signedOut();
            console.signIn("not-the-admin-token");
            console.alert("not accepted");
            browser.screenshot("console-state-phone-sign-in-error-light.png", 390);
        }
    }

    private static UUID enterprise(String name) {
        ApiClient.ApiResponse added = new ApiClient(app.adminPort()).admin(ApiPaths.Admin.ENTERPRISES_ADD,
                Map.of("Enterprises", List.of(Map.of("Name", name))));
        assertThat(added).isOk();
        return UUID.fromString(added.json().path("Enterprises").get(0).path("Id").asText());
    }

    private static Tenants.Client client(String name, String webhookUrl) {
        ApiClient.ApiResponse added = new ApiClient(app.adminPort()).admin(ApiPaths.Admin.CLIENTS_ADD,
                Map.of("Clients", List.of(Map.of("Name", name, "WebhookUrl", webhookUrl))));
        assertThat(added).isOk();
        return new Tenants.Client(UUID.fromString(added.json().path("Clients").get(0).path("Id").asText()),
                added.json().path("Clients").get(0).path("ClientToken").asText(), name);
    }
}
