package concierge;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.store.Database;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What start-up prints: where the API reference is, with the demo data (next to the inbox) and without. */
class BannerTest {

    @Test
    void theBannerNamesTheApiReferenceNextToTheInbox() {
        String banner = Main.banner(new App.StartupReport(8080, Database.Engine.H2, true, true, null, Optional.empty()));

        assertThat(banner).contains("Staff inbox (sign in with a staff token): http://localhost:8080/inbox\n"
                + "API reference (every operation; OpenAPI 3.1 at /openapi.json): http://localhost:8080/docs\n");
    }

    @Test
    void theBannerNamesTheApiReferenceWithoutTheDemoData() {
        String banner = Main.banner(new App.StartupReport(9000, Database.Engine.POSTGRESQL, false, false, null,
                Optional.empty()));

        assertThat(banner).contains("http://localhost:9000/docs").doesNotContain("/inbox");
    }
}
