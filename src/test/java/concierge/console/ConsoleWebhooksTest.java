package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import concierge.testing.Tenants;
import concierge.testing.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.openqa.selenium.WebElement;

/**
 * Issue 14: a client's webhooks in the console: an attempt that fails against a receiver answering 500,
 * the batch given up (Dead), its attempts and payload, and Replay into a receiver answering 200 after
 * the WebhookUrl was changed; a test event. Real receivers on loopback; a server whose deliveries give
 * up after a second, so that a batch is Dead within seconds.
 */
@Tag("slow")
class ConsoleWebhooksTest extends OnH2 {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static App app;

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    @BeforeParameterizedClassInvocation
    static void startWithDeliveriesThatGiveUpQuickly(Engine engine) {
        app = TestServers.start(engine, Map.of("CONCIERGE_WEBHOOK_FIRST_RETRY_SECONDS", "1",
                "CONCIERGE_WEBHOOK_GIVE_UP_SECONDS", "1", "CONCIERGE_WEBHOOK_POLL_MILLIS", "100",
                "CONCIERGE_WEBHOOK_TIMEOUT_SECONDS", "5"));
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
    void aFailedBatchShowsItsAttemptsAndIsReplayedIntoAReceiverThatTakesIt() {
        try (WebhookReceiver failing = WebhookReceiver.start().answerAlways(WebhookReceiver.Answer.status(500));
             WebhookReceiver working = WebhookReceiver.start()) {
            Tenants.Client client = tenants.clientWithWebhook(failing.url("/hook"));
            Tenants.Integration app = tenants.integration(client, tenants.enterprise());
            String thread = tenants.addThread(app, "Subject", "Late check-in").path("Id").asText();
            String messageId = tenants.addMessages(app, thread, "We land at 11 pm.").getFirst().path("Id").asText();
            failing.awaitRequests(1, PATIENCE);

            ConsolePage console = new ConsolePage(oneBrowser.get(), server()).signedIn();
            Browser browser = console.browser();
            String clientName = nameOf(console, client);
            console.section("Webhooks");
            console.choose("Client", clientName);
            console.choose("State", "Dead");
            WebElement dead = waitForBatch(console, "Dead");
            assertThat(dead.getText()).contains(clientName, "HTTP 500");

            browser.button("Details of batch " + batchIdStart(dead)).click();
            browser.waitFor(() -> !console.rows("Attempts").isEmpty(), "the attempts");
            assertThat(console.rows("Attempts")).allSatisfy(attempt -> assertThat(attempt).contains(failing.url("/hook"), "500"));
            assertThat(browser.driver().findElement(org.openqa.selenium.By.id("payload")).getText())
                    .contains("MessageAdded", messageId);

            console.section("Tenants");
            browser.button("Change the webhook URL of " + clientName).click();
            console.type("Webhook URL of " + clientName, working.url("/hook"));
            browser.button("Save webhook URL").click();
            console.row("Clients", working.url("/hook"));

            console.section("Webhooks");
            console.choose("State", "Dead");
            browser.button("Replay batch " + batchIdStart(waitForBatch(console, "Dead"))).click();
            assertThat(working.awaitRequests(1, PATIENCE).getFirst().eventIds()).contains(messageId);
            console.choose("State", "Delivered");
            WebElement delivered = waitForBatch(console, "Delivered");
            browser.button("Details of batch " + batchIdStart(delivered)).click();
            browser.waitFor(() -> console.rows("Attempts").stream().anyMatch(attempt -> attempt.contains(working.url("/hook"))
                    && attempt.contains("200")), "the attempt that the working receiver took");
        }
    }

    @Test
    void aTestEventDeliversTheChosenMessageAgain() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Tenants.Client client = tenants.clientWithWebhook(receiver.url("/hook"));
            Tenants.Integration app = tenants.integration(client, tenants.enterprise());
            String thread = tenants.addThread(app, "Subject", "Towels").path("Id").asText();
            String messageId = tenants.addMessages(app, thread, "Two more, please.").getFirst().path("Id").asText();
            receiver.awaitRequests(1, PATIENCE);

            ConsolePage console = new ConsolePage(oneBrowser.get(), server()).signedIn();
            String clientName = nameOf(console, client);
            console.section("Webhooks");
            console.choose("Client to notify", clientName);
            console.type("Message Id", messageId);
            console.browser().button("Send a test event").click();

            assertThat(receiver.awaitRequests(2, PATIENCE).get(1).eventIds()).containsExactly(messageId);
            assertThat(console.browser().waitFor(() -> console.browser().driver().getPageSource()
                    .contains("is on its way"), "the confirmation")).isTrue();
        }
    }

    @Test
    void aTestEventForAnUnknownMessageIsRefusedWithTheApisMessage() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Tenants.Client client = tenants.clientWithWebhook(receiver.url("/hook"));
            ConsolePage console = new ConsolePage(oneBrowser.get(), server()).signedIn();
            String clientName = nameOf(console, client);
            console.section("Webhooks");
            console.choose("Client to notify", clientName);
            console.type("Message Id", java.util.UUID.randomUUID().toString());
            console.browser().button("Send a test event").click();

            assertThat(console.alert("MessageId")).contains("400");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    private static WebElement waitForBatch(ConsolePage console, String state) {
        return console.browser().waitFor(() -> {
            console.browser().button("Refresh").click();
            return console.browser().table("Webhook batches").findElements(org.openqa.selenium.By.xpath("./tbody/tr"))
                    .stream().filter(row -> row.getText().contains(state)).findFirst().orElse(null);
        }, "a " + state + " batch");
    }

    /** The name the fixture gave the client, as its row in "Clients" shows it. */
    private static String nameOf(ConsolePage console, Tenants.Client client) {
        return console.row("Clients", client.id().toString().substring(0, 8))
                .findElement(org.openqa.selenium.By.tagName("td")).getText();
    }

    private static String batchIdStart(WebElement row) {
        return row.findElement(org.openqa.selenium.By.tagName("code")).getText();
    }
}
