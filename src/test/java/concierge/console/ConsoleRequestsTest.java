package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.ApiClient;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Issue 14: the request log in the console: a request found by its RequestId, tokens masked; filters; bad input. */
@Tag("slow")
class ConsoleRequestsTest extends OnH2 {

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    private Browser browser;
    private ConsolePage console;
    private Tenants.Integration app;

    @BeforeEach
    void signedInOnTheRequests() {
        browser = oneBrowser.get();
        app = tenants.singleEnterpriseIntegration();
        console = new ConsolePage(browser, server()).signedIn();
        console.section("Requests");
    }

    @Test
    void aRequestIsFoundByItsRequestIdWithItsBodiesAndTheTokensMasked() {
        ApiClient.ApiResponse added = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_ADD,
                app.body("OriginalSender", "Ann Lee", "Subject", "Late check-in"));
        assertThat(added).isOk();
        String requestId = added.header("Request-Id");

        console.type("RequestId", requestId);
        WebElement found = search(requestId);

        assertThat(found.getText()).contains("messageThreads/add", "200");
        WebElement details = browser.region("Request " + requestId);
        String requestBody = details.findElement(By.id("logged-request")).getText();
        assertThat(requestBody).contains("Late check-in", last4(app.accessToken()), last4(app.client().clientToken()))
                .doesNotContain(app.accessToken()).doesNotContain(app.client().clientToken());
        assertThat(details.findElement(By.id("logged-response")).getText()).contains("Late check-in");
    }

    @Test
    void aRefusedRequestShowsItsStatusAndTheApisMessage() {
        ApiClient.ApiResponse refused = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_ADD,
                app.body("OriginalSender", "Ann Lee"));
        assertThat(refused).isError(400);

        console.choose("Status", "4xx");
        console.type("RequestId", refused.header("Request-Id"));
        WebElement found = search(refused.header("Request-Id"));

        assertThat(found.getText()).contains("400", "Subject");
    }

    @Test
    void theFiltersNarrowTheLogToOneClientsOperation() {
        tenants.addThread(app, "Subject", "Towels");
        tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, app.body("MessageThreadIds",
                java.util.List.of(UUID.randomUUID().toString()), "Limitation", Map.of("Count", 1)));
        Tenants.Integration other = tenants.singleEnterpriseIntegration();
        tenants.addThread(other, "Subject", "Not this one");
        console.open();
        console.section("Requests");

        console.choose("Operation", "messageThreads/add");
        console.choose("Since", "The last hour");
        String clientId = app.client().id().toString();
        browser.waitFor(() -> {
            console.choose("From client", clientName(clientId));
            browser.button("Search").click();
            return console.rows("Requests").size() == 1;
        }, "the one request of that client and operation");

        assertThat(console.rows("Requests")).singleElement().asString().contains("messageThreads/add");
    }

    @Test
    void aMalformedRequestIdIsRefusedNamingTheField() {
        console.type("RequestId", "not-a-request-id");
        browser.button("Search").click();

        assertThat(console.alert("RequestIds")).contains("400");
    }

    /** Searches until the log has the request (it is written a moment after the answer), and returns its row. */
    private WebElement search(String requestId) {
        return browser.waitFor(() -> {
            browser.button("Search").click();
            return browser.table("Requests").findElements(By.xpath("./tbody/tr")).stream()
                    .filter(row -> row.findElement(By.tagName("code")).getDomAttribute("title").equals(requestId))
                    .findFirst().orElse(null);
        }, "the request " + requestId + " in the log");
    }

    /** The client's name as the console lists it (the fixture names clients "App <uuid>"). */
    private String clientName(String clientId) {
        console.section("Tenants");
        String name = console.row("Clients", clientId.substring(0, 8)).findElement(By.tagName("td")).getText();
        console.section("Requests");
        return name;
    }

    private static String last4(String token) {
        return token.substring(token.length() - 4);
    }
}
