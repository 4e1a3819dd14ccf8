package concierge.testing;

import concierge.App;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The integrator's console in a {@link Browser}, used as an integrator uses it: by the names its controls have. */
public final class ConsolePage {

    private final Browser browser;
    private final String url;

    /** The console where {@code app} serves the admin API (its own listener when it has one). */
    public ConsolePage(Browser browser, App app) {
        this.browser = browser;
        this.url = "http://127.0.0.1:" + app.adminPort() + "/console";
    }

    public Browser browser() {
        return browser;
    }

    public ConsolePage open() {
        browser.go(url);
        return this;
    }

    /** The page with nothing in the tab's storage: what a new tab shows. */
    public ConsolePage signedOut() {
        open();
        browser.script("sessionStorage.clear()");
        return open();
    }

    /** Types the token into "Admin token" and presses "Sign in". */
    public ConsolePage signIn(String adminToken) {
        WebElement field = browser.field("Admin token");
        field.clear();
        field.sendKeys(adminToken);
        browser.button("Sign in").click();
        return this;
    }

    /** Signs in with the tests' admin token and waits for the Tenants section. */
    public ConsolePage signedIn() {
        signedOut().signIn(TestServers.ADMIN_TOKEN);
        browser.region("Tenants");
        return this;
    }

    /** Opens a section by its tab ("Tenants", "Requests", "Webhooks") and returns it. */
    public WebElement section(String name) {
        browser.waitFor(() -> browser.driver().findElements(By.xpath("//nav[@aria-label='Sections']/button[normalize-space()='"
                + name + "']")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null), "the tab " + name).click();
        return browser.region(name);
    }

    public void type(String label, String text) {
        WebElement field = browser.field(label);
        field.clear();
        field.sendKeys(text);
    }

    public void choose(String label, String option) {
        browser.field(label).findElement(By.xpath("./option[normalize-space()='" + option + "']")).click();
    }

    public void addEnterprise(String name) {
        type("Enterprise name", name);
        browser.button("Add enterprise").click();
        row("Enterprises", name);
    }

    public void addClient(String name, String webhookUrl) {
        type("Client name", name);
        if (webhookUrl != null) {
            type("Webhook URL (optional)", webhookUrl);
        }
        browser.button("Add client").click();
        row("Clients", name);
    }

    /** Ticks the enterprises (in this order) for the client and presses "Add integration". */
    public void addIntegration(String clientName, String... enterpriseNames) {
        choose("Client", clientName);
        for (String enterprise : enterpriseNames) {
            WebElement box = browser.field(enterprise);
            if (!box.isSelected()) {
                box.click();
            }
        }
        browser.button("Add integration").click();
    }

    /** The newly issued token's panel: waits for it and returns the token shown in it. */
    public String issuedToken(String label) {
        return browser.waitFor(() -> {
            String value = browser.field(label).getDomProperty("value");
            return value == null || value.isEmpty() ? null : value;
        }, "an issued " + label);
    }

    public String issuedCurl() {
        return browser.field("Try it with curl").getDomProperty("value");
    }

    /** Waits for a row of the table showing {@code text}, and returns it. */
    public WebElement row(String table, String text) {
        return browser.waitFor(() -> browser.table(table).findElements(By.xpath("./tbody/tr")).stream()
                .filter(row -> row.getText().contains(text)).findFirst().orElse(null), "a row of " + table + " showing " + text);
    }

    public List<String> rows(String table) {
        return browser.rows(table);
    }

    /** Waits until an alert says something containing {@code text}. */
    public String alert(String text) {
        return browser.waitFor(() -> browser.alerts().stream().filter(alert -> alert.contains(text)).findFirst()
                .orElse(null), "an alert saying " + text);
    }
}
