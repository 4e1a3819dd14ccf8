package concierge;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.store.Database;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 14: the start-up banner says where the console is: where the admin API is served. */
class ConsoleBannerTest {

    @Test
    void withoutAnAdminListenerTheConsoleIsOnThePublicPort() {
        var report = new App.StartupReport(8080, Database.Engine.H2, false, false, null, Optional.empty());

        assertThat(Main.banner(report)).contains("console (sign in with the admin token): http://localhost:8080/console\n");
    }

    @Test
    void withAnAdminListenerTheConsoleIsThereAndNotOnThePublicPort() {
        var report = new App.StartupReport(8080, Database.Engine.H2, false, false, null, Optional.of("127.0.0.1:9090"));

        assertThat(Main.banner(report)).contains("console (sign in with the admin token): http://127.0.0.1:9090/console\n")
                .doesNotContain("8080/console");
    }
}
