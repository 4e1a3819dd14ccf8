package concierge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.http.docs.ApiDocs;
import concierge.testing.Browser;
import concierge.testing.OnH2;
import concierge.testing.OpenApiDocument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * /docs in a real browser: Swagger UI shows every operation of the document, under the page's strict
 * Content-Security-Policy, with nothing in the console and no request to anywhere but this server.
 * Screenshots at a phone's width and on a wide screen go to target/screenshots/ for a person to look at.
 */
@Tag("slow")
class DocsPageTest extends OnH2 {

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    private Browser browser;

    @BeforeEach
    void recording() {
        browser = oneBrowser.get();
        browser.recordProblems();
        browser.size(1280, 800);
    }

    @Test
    void thePageShowsEveryOperationOfTheDocument() {
        open();

        List<String> shown = browser.driver().findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(path -> path.getDomAttribute("data-path")).toList();
        List<String> documented = new ArrayList<>();
        OpenApiDocument.ours().path("paths").properties().forEach(path -> documented.add(path.getKey()));
        assertThat(shown).contains("/api/connector/v1/messageThreads/getAll", "/api/staff/v1/events",
                "/api/admin/v1/webhooks/replay", "/health/ready").containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void theConnectorGetAllOperationIsShownWithItsSummary() {
        open();

        WebElement getAll = operation("/api/connector/v1/messageThreads/getAll");
        assertThat(getAll.getText()).contains("POST").contains("Get all message threads");
    }

    @Test
    void anOperationOpensWithItsExampleAndErrorAnswers() {
        open();
        operation("/api/connector/v1/messageThreads/getAll").findElement(By.cssSelector("button.opblock-summary-control")).click();

        WebElement details = browser.waitFor(() -> visible(By.cssSelector(".opblock.is-open")), "the operation opened");
        assertThat(browser.waitFor(() -> details.getText().contains("Sample Client 1.0.0") ? details.getText() : null,
                "the request example")).contains("400").contains("429").contains("Retry-After");
        assertThat(browser.problems()).isEmpty();
    }

    /** The example's tokens are the documentation's, which this server (no demo data) does not know: a 401, shown. */
    @Test
    void tryItOutSendsTheExampleToThisServerAndShowsItsAnswer() {
        open();
        WebElement getAll = operation("/api/connector/v1/messageThreads/getAll");
        getAll.findElement(By.cssSelector("button.opblock-summary-control")).click();
        browser.waitFor(() -> visible(By.cssSelector(".opblock.is-open .try-out__btn")), "Try it out").click();
        browser.waitFor(() -> visible(By.cssSelector(".opblock.is-open .execute")), "Execute").click();

        WebElement answer = browser.waitFor(() -> visible(By.cssSelector(".opblock.is-open .live-responses-table .response")),
                "the server's answer");
        assertThat(answer.getText()).contains("401").contains("Invalid");
        assertThat(browser.requests()).contains("401 http://127.0.0.1:" + server().port() + "/api/connector/v1/messageThreads/getAll");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void nothingGoesToTheConsoleAndNoRequestLeavesThisServer() {
        open();
        String origin = "http://127.0.0.1:" + server().port() + "/";

        assertThat(browser.problems()).isEmpty();
        assertThat(browser.requests()).isNotEmpty().contains("200 " + origin + "openapi.json")
                .allSatisfy(request -> assertThat(request).startsWith("200 " + origin));
    }

    @Test
    void screenshotsOnAWideScreenAndAPhone() {
        open();
        browser.screenshot(Browser.SCREENSHOTS.resolve("docs-wide.png"));
        browser.size(390, 844);
        browser.screenshot(Browser.SCREENSHOTS.resolve("docs-phone.png"));
        WebElement getAll = operation("/api/connector/v1/messageThreads/getAll");
        getAll.findElement(By.cssSelector("button.opblock-summary-control")).click();
        browser.script("arguments[0].scrollIntoView()", getAll);
        browser.screenshot(Browser.SCREENSHOTS.resolve("docs-phone-operation.png"));

        assertThat(Browser.SCREENSHOTS.resolve("docs-phone.png")).exists().isNotEmptyFile();
        assertThat(browser.problems()).isEmpty();
    }

    private void open() {
        browser.go("http://127.0.0.1:" + server().port() + ApiDocs.PATH);
        browser.waitFor(() -> !browser.driver().findElements(By.cssSelector(".opblock-summary-path")).isEmpty(),
                "the operations shown");
    }

    private WebElement operation(String path) {
        return browser.waitFor(() -> visible(By.xpath("//*[contains(@class,'opblock-summary-path')][@data-path='"
                + path + "']/ancestor::*[contains(@class,'opblock ')][1]")), "the operation " + path);
    }

    private WebElement visible(By by) {
        return browser.driver().findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }
}
