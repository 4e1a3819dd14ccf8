package concierge.testing;

import concierge.App;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The staff inbox in a {@link Browser}, used as staff use it: by the names issue 12 gives its controls. */
public final class InboxPage {

    private final Browser browser;
    private final String url;

    public InboxPage(Browser browser, App app) {
        this.browser = browser;
        this.url = "http://127.0.0.1:" + app.port() + "/inbox";
    }

    public Browser browser() {
        return browser;
    }

    public InboxPage open() {
        browser.go(url);
        return this;
    }

    /** The page with nothing in the tab's storage: what a new tab shows. */
    public InboxPage signedOut() {
        open();
        browser.script("sessionStorage.clear()");
        return open();
    }

    /** Types the token into "Staff token" and presses "Sign in". */
    public InboxPage signIn(String staffToken) {
        WebElement field = browser.field("Staff token");
        field.clear();
        field.sendKeys(staffToken);
        browser.button("Sign in").click();
        return this;
    }

    /** Signs in and waits for the list named "Threads". */
    public InboxPage signedIn(String staffToken) {
        open().signIn(staffToken);
        browser.list("Threads");
        return this;
    }

    /** The texts of the items of "Threads", top first. */
    public List<String> threads() {
        return browser.items("Threads");
    }

    /** Waits for an item of "Threads" showing {@code text}, and returns it. */
    public WebElement thread(String text) {
        return browser.waitFor(() -> browser.list("Threads").findElements(By.xpath("./li")).stream()
                .filter(item -> item.getText().contains(text)).findFirst().orElse(null), "a thread showing " + text);
    }

    /** Opens the thread and returns its conversation: the region named by its subject. */
    public WebElement openThread(String subject) {
        thread(subject).findElement(By.tagName("button")).click();
        return browser.region(subject);
    }

    /** The texts of the items of "Messages", oldest (top) first. */
    public List<String> messages() {
        return browser.items("Messages");
    }

    /** Waits for a message showing {@code text}, and returns it. */
    public WebElement message(String text) {
        return browser.waitFor(() -> browser.list("Messages").findElements(By.xpath("./li")).stream()
                .filter(item -> item.getText().contains(text)).findFirst().orElse(null), "a message showing " + text);
    }

    public WebElement replyBox() {
        return browser.field("Reply");
    }

    /** Types into "Reply" and presses Enter (which sends). */
    public void replyWithEnter(String text) {
        replyBox().sendKeys(text, Keys.ENTER);
    }

    public void show(String choice) {
        WebElement show = browser.field("Show");
        show.findElement(By.xpath("./option[normalize-space()='" + choice + "']")).click();
    }

    public void search(String text) {
        WebElement search = browser.field("Search");
        search.clear();
        search.sendKeys(text);
    }

    /** Waits until an alert says something containing {@code text}. */
    public String alert(String text) {
        return browser.waitFor(() -> browser.alerts().stream().filter(alert -> alert.contains(text)).findFirst()
                .orElse(null), "an alert saying " + text);
    }
}
