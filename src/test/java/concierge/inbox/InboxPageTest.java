package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import concierge.testing.ApiClient;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;

/** Issue 12: the inbox in a real browser: sign-in, failures that lose nothing, text shown as text. */
@Tag("slow")
class InboxPageTest extends InboxInABrowserTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    @Override
    Browser.PerClass classBrowser() {
        return oneBrowser;
    }

    @Test
    void aWrongTokenIsRefusedWithAClearMessage() {
        inbox.open().signIn("not-a-staff-token");

        assertThat(inbox.alert("not accepted")).contains("staff token");
        assertThat(browser.field("Staff token").isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void anEmptyTokenIsAskedFor() {
        inbox.open();
        browser.button("Sign in").click();

        assertThat(inbox.alert("Enter a staff token")).isNotBlank();
    }

    @Test
    void theTokenIsKeptForTheTabOnlyAndNeverInAUrl() {
        tenants.addThread(app, "Subject", "Late check-in");
        inbox.signedIn(staffToken).thread("Late check-in");

        assertThat(browser.script("return sessionStorage.getItem('concierge.staffToken')")).isEqualTo(staffToken);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.url()).doesNotContain(staffToken);
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertThat(requested).isNotEmpty().noneMatch(url -> url.contains(staffToken));

        browser.button("Sign out").click();
        assertThat(browser.field("Staff token").isDisplayed()).isTrue();
        assertThat(browser.script("return sessionStorage.getItem('concierge.staffToken')")).isNull();
    }

    @Test
    void aTokenThatStopsWorkingReturnsToSignInAndKeepsTheUnsentReply() {
        String threadId = tenants.addThread(app, "Subject", "Parking").path("Id").asText();
        tenants.addMessages(app, threadId, "Is there parking?");
        inbox.signedIn(staffToken).openThread("Parking");
        inbox.replyBox().sendKeys("Yes, in the yard.");

        disableTheEnterprisesStaffTokens();
        browser.button("Send").click();

        assertThat(inbox.alert("no longer accepted")).contains("unsent reply is kept");
        inbox.signIn(tenants.staffToken(app.enterpriseId()));
        browser.region("Parking");
        assertThat(inbox.replyBox().getDomProperty("value")).isEqualTo("Yes, in the yard.");
    }

    @Test
    void aReplyThatFailsStaysInTheBoxWithTheErrorAndIsSentOnceWhenRetried() {
        String threadId = tenants.addThread(app, "Subject", "Breakfast").path("Id").asText();
        inbox.signedIn(staffToken).openThread("Breakfast");
        breakFetchOfMessagesAdd("Promise.reject(new TypeError('offline'))");

        inbox.replyWithEnter("From 7 to 10.");
        assertThat(inbox.alert("Not sent")).contains("cannot be reached").contains("still here");
        assertThat(inbox.replyBox().getDomProperty("value")).isEqualTo("From 7 to 10.");

        breakFetchOfMessagesAdd("Promise.resolve(new Response('{\"Message\":\"Something failed.\"}',"
                + " {status: 500, headers: {'Content-Type': 'application/json'}}))");
        browser.button("Send").click();
        assertThat(inbox.alert("Something failed.")).contains("500");
        assertThat(inbox.replyBox().getDomProperty("value")).isEqualTo("From 7 to 10.");

        browser.script("window.fetch = window.realFetch");
        browser.script("const send = arguments[0]; send.click(); send.click(); send.click();", browser.button("Send"));
        inbox.message("From 7 to 10.");
        assertThat(inbox.replyBox().getDomProperty("value")).isEmpty();
        assertThat(staffMessages(threadId)).extracting(message -> message.path("Text").asText())
                .containsExactly("From 7 to 10.");
    }

    @Test
    void staffCanSignInOpenAThreadAndReplyWithTheKeyboardAlone() {
        String threadId = tenants.addThread(app, "Subject", "Keyboard only").path("Id").asText();
        tenants.addMessages(app, threadId, "Can I check out at noon?");

        browser.focused().sendKeys(staffToken, Keys.ENTER);
        browser.list("Threads");
        tab(until -> "Keyboard only".equals(browser.focused().findElement(By.className("subject")).getText())
                && "button".equals(browser.focused().getTagName()));
        browser.focused().sendKeys(Keys.ENTER);
        inbox.message("Can I check out at noon?");
        browser.waitFor(() -> "reply".equals(browser.focused().getDomAttribute("id")), "the reply box focused");
        browser.focused().sendKeys("Yes, ", Keys.SHIFT, Keys.ENTER, Keys.SHIFT, "of course.", Keys.ENTER);

        assertThat(inbox.message("of course.").findElement(By.className("text")).getDomProperty("textContent"))
                .isEqualTo("Yes, \nof course.");
        tab(until -> "Resolve".equals(browser.focused().getText()));
        browser.focused().sendKeys(Keys.ENTER);
        browser.button("Reopen");
    }

    /** Presses Tab until the focused element is the one wanted (at most 30 times). */
    private void tab(java.util.function.Predicate<Void> wanted) {
        for (int i = 0; i < 30; i++) {
            browser.focused().sendKeys(Keys.TAB);
            try {
                if (wanted.test(null)) {
                    return;
                }
            } catch (org.openqa.selenium.NoSuchElementException notThisOne) {
                // the focused element is another control
            }
        }
        throw new AssertionError("Tab never reached the control; focused: " + browser.focused().getText());
    }

    @Test
    void theCountAgainstTheLimitIsShownBeforeItIsHit() {
        tenants.addThread(app, "Subject", "Long letter");
        inbox.signedIn(staffToken).openThread("Long letter");

        browser.script("const box = arguments[0]; box.value = 'x'.repeat(9600);"
                + " box.dispatchEvent(new Event('input'));", inbox.replyBox());

        assertThat(browser.driver().findElement(By.id("reply-count")).getText()).contains("9,600").contains("10,000");
        assertThat(inbox.replyBox().getDomAttribute("maxlength")).isEqualTo("10000");
    }

    @Test
    void markupInASubjectOrMessageIsShownAsTheCharactersItIs() {
        String threadId = tenants.addThread(app, "Subject", MARKUP, "OriginalSender", MARKUP).path("Id").asText();
        tenants.addMessages(app, threadId, MARKUP);

        inbox.signedIn(staffToken);
        assertThat(inbox.thread(MARKUP).getText()).contains(MARKUP);
        inbox.openThread(MARKUP);
        assertThat(inbox.message(MARKUP).getText()).contains(MARKUP);

        assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private void breakFetchOfMessagesAdd(String answer) {
        browser.script("window.realFetch = window.realFetch || window.fetch;"
                + " window.fetch = (url, options) => String(url).endsWith('/messages/add') ? " + answer
                + " : window.realFetch(url, options);");
    }

    private List<JsonNode> staffMessages(String threadId) {
        ApiClient.ApiResponse response = tenants.staff(staffToken, ApiPaths.Staff.MESSAGES_GET_ALL,
                Map.of("MessageThreadIds", List.of(threadId), "Limitation", Map.of("Count", 100)));
        assertThat(response).isOk();
        return response.json().path("Messages").valueStream().toList();
    }

    private void disableTheEnterprisesStaffTokens() {
        ApiClient.ApiResponse tokens = tenants.api().admin(ApiPaths.Admin.STAFF_TOKENS_GET_ALL,
                Map.of("EnterpriseId", app.enterpriseId().toString()));
        assertThat(tokens).isOk();
        List<String> ids = tokens.json().path("StaffTokens").valueStream().map(t -> t.path("Id").asText()).toList();
        assertThat(tenants.api().admin(ApiPaths.Admin.STAFF_TOKENS_DISABLE, Map.of("StaffTokenIds", ids))).isOk();
    }
}
