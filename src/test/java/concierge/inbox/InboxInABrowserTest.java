package concierge.inbox;

import concierge.testing.Browser;
import concierge.testing.InboxPage;
import concierge.testing.OnH2;
import concierge.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;

/**
 * An inbox test's start: signed out, on a fresh page, with tenants of its own. The browser is the
 * subclass's own ({@link #classBrowser()}): test classes run in parallel, and a static one here would be
 * one browser for every subclass at once.
 */
abstract class InboxInABrowserTest extends OnH2 {

    Browser browser;
    InboxPage inbox;
    Tenants.Integration app;
    String staffToken;

    /** The subclass's {@code @RegisterExtension static final Browser.PerClass}. */
    abstract Browser.PerClass classBrowser();

    @BeforeEach
    void signedOutOnAFreshPage() {
        browser = classBrowser().get();
        inbox = new InboxPage(browser, server()).signedOut();
        app = tenants.singleEnterpriseIntegration();
        staffToken = tenants.staffToken(app.enterpriseId());
    }
}
