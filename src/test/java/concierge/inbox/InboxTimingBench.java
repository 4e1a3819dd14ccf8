package concierge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import concierge.testing.Browser;
import concierge.testing.InboxPage;
import concierge.testing.OnBothEngines;
import concierge.testing.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * Not part of the suite (no timed assertions anywhere): the inbox's timings in a real browser, on a
 * hotel of 10,000 threads, appended to bench/results/inbox-browser.md. Run it with
 * {@code ./mvnw -B test -Dtest=InboxTimingBench -Dconcierge.bench=inbox}.
 */
@EnabledIfSystemProperty(named = "concierge.bench", matches = "inbox")
class InboxTimingBench extends OnBothEngines {

    private static final int THREADS = 10_000;
    private static final int PAGES = 20;
    private static final int LIVE_SAMPLES = 10;

    @Test
    void firstPaintEachFurtherPageAndALiveMessageOnAHotelOf10000Threads() throws IOException {
        Tenants.Integration app = tenants.singleEnterpriseIntegration();
        String staffToken = tenants.staffToken(app.enterpriseId());
        tenants.seedThreads(app, THREADS, Instant.parse("2025-01-01T00:00:00Z"), 60);
        String live = tenants.addThread(app, "Subject", "Live thread").path("Id").asText();

        try (Browser browser = Browser.open()) {
            InboxPage inbox = new InboxPage(browser, server()).signedOut();
            browser.field("Staff token").sendKeys(staffToken);
            browser.script("window.rowsAt = {}; const list = document.getElementById('threads');"
                    + " new MutationObserver(() => { const n = list.children.length;"
                    + " if (!window.rowsAt[n]) window.rowsAt[n] = performance.now(); })"
                    + ".observe(list, {childList: true});"
                    + " window.clickedAt = performance.now(); document.querySelector('#sign-in-form button').click();");
            browser.waitFor(() -> inbox.threads().size() == 50, "the first page");
            double firstPaint = number(browser.script("return window.rowsAt[50] - window.clickedAt"));

            List<Double> pages = new ArrayList<>();
            for (int page = 1; page <= PAGES; page++) {
                int before = page * 50;
                browser.script("window.scrolledAt = performance.now(); const list = arguments[0];"
                        + " list.scrollTop = list.scrollHeight;", browser.driver().findElement(By.id("threads-scroll")));
                browser.waitFor(() -> inbox.threads().size() == before + 50, "page " + page);
                pages.add(number(browser.script("return window.rowsAt[" + (before + 50) + "] - window.scrolledAt")));
            }

            inbox.openThread("Live thread");
            List<Double> lives = new ArrayList<>();
            for (int i = 0; i < LIVE_SAMPLES; i++) {
                String text = "Live message " + i;
                browser.script("const list = document.getElementById('messages'); const text = arguments[0];"
                        + " new MutationObserver((changes, observer) => { if (list.textContent.includes(text)) {"
                        + " window.shownAt = Date.now(); observer.disconnect(); } }).observe(list, {childList: true});",
                        text);
                long sentAt = System.currentTimeMillis();
                tenants.addMessages(app, live, text);
                inbox.message(text);
                lives.add(number(browser.script("return window.shownAt")) - sentAt);
            }
            assertThat(inbox.threads()).hasSize((PAGES + 1) * 50);
            record(firstPaint, pages, lives);
        }
    }

    private void record(double firstPaint, List<Double> pages, List<Double> lives) throws IOException {
        List<Double> sortedPages = pages.stream().sorted().toList();
        List<Double> sortedLives = lives.stream().sorted().toList();
        String row = String.format("| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n", Instant.now(), engine, THREADS,
                firstPaint, sortedPages.get(sortedPages.size() / 2), sortedPages.getLast(),
                sortedLives.get(sortedLives.size() / 2), sortedLives.getLast());
        Path file = Path.of("bench", "results", "inbox-browser.md");
        if (!Files.exists(file)) {
            Files.writeString(file, "# The inbox in a browser (InboxTimingBench)\n\n"
                    + "Headless Chromium, one hotel of 10,000 threads, 50 rows a page. First paint: from the"
                    + " Sign in click to 50 rows in the list (the sign-in check and the first page). Page: from"
                    + " scrolling to the end to the next 50 rows (median, max of 20). Live: from the Connector's"
                    + " messages/add being sent to the message in the open conversation (median, max of 10).\n\n"
                    + "| When | Engine | Threads | First paint ms | Page ms (median) | Page ms (max) |"
                    + " Live ms (median) | Live ms (max) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        }
        Files.writeString(file, row, StandardOpenOption.APPEND);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
