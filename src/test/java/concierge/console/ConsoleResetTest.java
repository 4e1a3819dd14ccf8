package concierge.console;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.App;
import concierge.store.Database.Engine;
import concierge.testing.ApiPaths;
import concierge.testing.Browser;
import concierge.testing.ConsolePage;
import concierge.testing.OnH2;
import concierge.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Issue 14: the console's Reset puts the embedded database back to the demo data, after a confirmation;
 * a server of its own (with the demo data), as a reset deletes every tenant. The shared test server
 * refuses resets, and the console says so.
 */
@Tag("slow")
class ConsoleResetTest extends OnH2 {

    static App app;

    @RegisterExtension
    static final Browser.PerClass oneBrowser = new Browser.PerClass();

    @BeforeParameterizedClassInvocation
    static void startWithTheDemoData(Engine engine) {
        app = TestServers.start(engine, Map.of("CONCIERGE_DEMO", "true"));
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
    void resetAsksFirstAndCancelChangesNothing() {
        ConsolePage console = new ConsolePage(oneBrowser.get(), app).signedIn();
        console.addEnterprise("Hotel kept");
        console.browser().button("Reset to demo data").click();
        assertThat(console.browser().button("Reset everything").isDisplayed()).isTrue();
        console.browser().button("Cancel").click();

        console.open();
        assertThat(console.row("Enterprises", "Hotel kept").isDisplayed()).isTrue();
    }

    @Test
    void resetPutsTheDemoDataBackAndTheListsShowIt() {
        ConsolePage console = new ConsolePage(oneBrowser.get(), app).signedIn();
        console.addEnterprise("Hotel to be reset away");
        console.browser().button("Reset to demo data").click();
        console.browser().button("Reset everything").click();

        console.browser().waitFor(() -> console.browser().driver().getPageSource().contains("back to the demo data"),
                "the reset done");
        console.browser().waitFor(() -> console.rows("Enterprises").size() == 2, "the demo's two enterprises alone");
        assertThat(console.rows("Enterprises")).noneMatch(row -> row.contains("reset away"))
                .anySatisfy(row -> assertThat(row).contains("Concierge Demo Hotel London"));
        assertThat(console.rows("Clients")).anySatisfy(row -> assertThat(row).contains("Sample Client"));
        assertThat(tenants.api().post(ApiPaths.Connector.MESSAGE_THREADS_GET_ALL, Map.of(
                "ClientToken", concierge.demo.DemoData.CLIENT_TOKEN, "AccessToken", concierge.demo.DemoData.ACCESS_TOKEN,
                "Client", "Console Test 1.0", "MessageThreadIds", java.util.List.of("8d02142f-31cf-4115-90bf-ae5200c7a1ba"),
                "Limitation", Map.of("Count", 1)))).isOk();
    }
}
