package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concierge.testing.ApiClient;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.NoAlertPresentException;

/** Issue 14: the console in a real browser: sign-in, provisioning tenants, a token shown once and working. */
@Tag("slow")
class ConsolePageTest extends OnH2 {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*})'", Pattern.DOTALL);

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    private Browser browser;
    private ConsolePage console;
    /** Names no other test's tenants have. */
    private String unique;

    @BeforeEach
    void signedOutOnAFreshPage() {
        browser = oneBrowser.get();
        console = new ConsolePage(browser, server()).signedOut();
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aWrongTokenIsRefusedWithAClearMessage() {
        console.signIn("not-the-admin-token");

        assertThat(console.alert("not accepted")).contains("admin token");
        assertThat(browser.field("Admin token").isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.getItem('concierge.adminToken')")).isNull();
    }

    @Test
    void anEmptyTokenIsAskedFor() {
        browser.button("Sign in").click();

        assertThat(console.alert("Enter the admin token")).isNotBlank();
    }

    @Test
    void theTokenIsKeptForTheTabOnlyAndNeverInAUrl() {
        console.signedIn();

        assertThat(browser.script("return sessionStorage.getItem('concierge.adminToken')"))
                .isEqualTo(concierge.testing.TestServers.ADMIN_TOKEN);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertThat(requested).isNotEmpty().noneMatch(url -> url.contains(concierge.testing.TestServers.ADMIN_TOKEN));

        browser.button("Sign out").click();
        assertThat(browser.field("Admin token").isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.getItem('concierge.adminToken')")).isNull();
    }

    @Test
    void aTokenThatStopsWorkingBringsBackTheSignInWithAMessage() {
        console.signedIn();
        // What a restart with another CONCIERGE_ADMIN_TOKEN does to the token this tab holds.
        browser.script("sessionStorage.setItem('concierge.adminToken', 'a-token-the-server-no-longer-has')");
        console.type("Enterprise name", "Hotel " + unique);
        browser.button("Add enterprise").click();

        assertThat(console.alert("no longer accepted")).contains("Sign in again");
        assertThat(browser.field("Admin token").isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.getItem('concierge.adminToken')")).isNull();
    }

    @Test
    void aClientAndAPortfolioIntegrationAreProvisionedAndTheTokenShownOnceWorksThroughTheConnectorApi() throws Exception {
        console.signedIn();
        console.addEnterprise("Aurora " + unique);
        console.addEnterprise("Borealis " + unique);
        console.addClient("Guest App " + unique, null);
        String clientToken = console.issuedToken("ClientToken");
        console.addIntegration("Guest App " + unique, "Aurora " + unique, "Borealis " + unique);

        String accessToken = browser.waitFor(() -> {
            String shown = console.issuedToken("AccessToken");
            return shown.equals(clientToken) ? null : shown;
        }, "the AccessToken");
        assertThat(console.row("Integrations", "Guest App " + unique).getText())
                .contains("Portfolio", "Aurora " + unique, "Borealis " + unique, "Enabled");
        String curl = console.issuedCurl();
        assertThat(curl).contains("http://127.0.0.1:" + server().port() + "/api/connector/v1/messageThreads/getAll",
                clientToken, accessToken);

        Matcher body = CURL_BODY.matcher(curl);
        assertThat(body.find()).as(curl).isTrue();
        ApiClient.ApiResponse getAll = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, body.group(1));
        assertThat(getAll).isOk();
        JsonNode request = new ObjectMapper().readTree(body.group(1));
        assertThat(request.path("EnterpriseIds")).hasSize(2);
        ApiClient.ApiResponse added = tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_ADD, Map.of(
                "ClientToken", clientToken, "AccessToken", accessToken, "Client", "Console Test 1.0",
                "EnterpriseId", request.path("EnterpriseIds").get(1).asText(),
                "OriginalSender", "Ann Lee", "Subject", "Late check-in"));
        assertThat(added).isOk();
    }

    @Test
    void aDisabledIntegrationsTokenIsRefusedByTheConnectorApi() {
        console.signedIn();
        console.addEnterprise("Aurora " + unique);
        console.addClient("Guest App " + unique, null);
        String clientToken = console.issuedToken("ClientToken");
        console.addIntegration("Guest App " + unique, "Aurora " + unique);
        String accessToken = browser.waitFor(() -> {
            String shown = console.issuedToken("AccessToken");
            return shown.equals(clientToken) ? null : shown;
        }, "the AccessToken");

        console.row("Integrations", "Guest App " + unique);
        browser.button("Disable integration " + integrationIdStart() + " of Guest App " + unique).click();
        browser.waitFor(() -> console.row("Integrations", "Guest App " + unique).getText().contains("Disabled"),
                "the integration disabled");

        assertThat(tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_ADD, Map.of("ClientToken", clientToken,
                "AccessToken", accessToken, "Client", "Console Test 1.0", "OriginalSender", "Ann", "Subject", "Hi")))
                .isError(401);
    }

    @Test
    void aStaffTokenIsIssuedOnceWithItsCurlAndCanBeDisabled() {
        console.signedIn();
        console.addEnterprise("Aurora " + unique);
        console.choose("Enterprise", "Aurora " + unique);
        browser.button("Issue staff token").click();
        String staffToken = console.issuedToken("Staff token");

        String curl = console.issuedCurl();
        assertThat(curl).contains("/api/staff/v1/messageThreads/getAll", "Bearer " + staffToken);
        Matcher body = CURL_BODY.matcher(curl);
        assertThat(body.find()).as(curl).isTrue();
        assertThat(tenants.staff(staffToken, ApiPaths.Staff.MESSAGE_THREADS_GET_ALL, body.group(1))).isOk();
        assertThat(console.rows("Staff tokens")).singleElement().asString().contains("Enabled");

        browser.button("Done, hide it").click();
        assertThat(browser.driver().getPageSource()).doesNotContain(staffToken);
        browser.table("Staff tokens").findElement(org.openqa.selenium.By.tagName("button")).click();
        browser.waitFor(() -> console.rows("Staff tokens").getFirst().contains("Disabled"), "the token disabled");
        assertThat(tenants.staff(staffToken, ApiPaths.Staff.MESSAGE_THREADS_GET_ALL, body.group(1))).isError(401);
    }

    @Test
    void textFromTheApiIsShownAsText() {
        console.signedIn();
        console.addEnterprise(MARKUP + unique);

        assertThat(console.row("Enterprises", unique).getText()).contains(MARKUP);
        assertThat(browser.driver().findElements(org.openqa.selenium.By.xpath("//img"))).isEmpty();
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("the markup ran as script");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    @Test
    void aRefusedRequestShowsTheApisMessageBesideTheForm() {
        console.signedIn();
        console.addClient("Guest App " + unique, null);
        console.type("Client name", "Another " + unique);
        console.type("Webhook URL (optional)", "ftp://example.com/hook");
        browser.button("Add client").click();

        assertThat(console.alert("WebhookUrl")).contains("http");
    }

    @Test
    void aResetTheServerRefusesIsExplainedAndChangesNothing() {
        console.signedIn();
        console.addEnterprise("Aurora " + unique);
        browser.button("Reset to demo data").click();
        browser.button("Reset everything").click();

        assertThat(console.alert("Not reset")).contains("CONCIERGE_ALLOW_RESET", "403");
        browser.button("Cancel").click();
        assertThat(console.row("Enterprises", "Aurora " + unique).isDisplayed()).isTrue();
    }

    @Test
    void aDisabledIntegrationIsEnabledAgain() {
        console.signedIn();
        console.addEnterprise("Aurora " + unique);
        console.addClient("Guest App " + unique, null);
        console.addIntegration("Guest App " + unique, "Aurora " + unique);
        String integration = "integration " + integrationIdStart() + " of Guest App " + unique;
        browser.button("Disable " + integration).click();
        browser.button("Enable " + integration).click();

        browser.waitFor(() -> console.row("Integrations", "Guest App " + unique).getText().contains("Enabled"), "enabled again");
        console.open();
        assertThat(console.row("Integrations", "Guest App " + unique).getText()).contains("Enabled");
    }

    @Test
    void aClientsWebhookUrlIsChangedAndRemoved() {
        console.signedIn();
        console.addClient("Guest App " + unique, "http://127.0.0.1:9/old-hook");
        browser.button("Change the webhook URL of Guest App " + unique).click();
        console.type("Webhook URL of Guest App " + unique, "https://example.com/new-hook");
        browser.button("Save webhook URL").click();
        console.row("Clients", "https://example.com/new-hook");

        browser.button("Change the webhook URL of Guest App " + unique).click();
        browser.button("Remove webhook URL").click();
        browser.waitFor(() -> console.row("Clients", "Guest App " + unique).getText().contains("None"), "the URL removed");
        console.open();
        assertThat(console.row("Clients", "Guest App " + unique).getText()).contains("None").doesNotContain("example.com");
    }

    private String integrationIdStart() {
        return console.row("Integrations", "Guest App " + unique).findElement(org.openqa.selenium.By.tagName("code"))
                .getText();
    }
}
