package concierge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven through Debian's chromedriver (Selenium Manager
 * never runs: nothing is downloaded). Elements are found the way a screen reader user finds them:
 * by role and accessible name. In CI a missing browser fails the test; elsewhere it is skipped with
 * the reason, like PostgreSQL (README "Tests and CI").
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots of the pages go: -Dconcierge.screenshots, else target/screenshots. */
    public static final Path SCREENSHOTS = Path.of(System.getProperty("concierge.screenshots", "target/screenshots"));
    /** Many times what a page needs here; a wait returns as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;
    private boolean recordingProblems;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (its own profile: no storage shared with another test). */
    public static Browser open() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String reason = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver";
            if (TestDatabases.isCi()) {
                throw new IllegalStateException(reason + " (CI must run the browser tests)");
            }
            System.err.println("SKIPPING browser tests: " + reason);
            Assumptions.abort(reason);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("concierge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=en-GB", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /**
     * One browser for a test class ({@code @RegisterExtension static final Browser.PerClass browser}):
     * starting one takes seconds. Opened before the class's first test, closed after its last.
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private Browser browser;

        public Browser get() {
            return browser;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            browser = open();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (browser != null) {
                browser.close();
                browser = null;
            }
        }
    }

    public void go(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The form control whose label reads {@code label} (a {@code <label for>} or aria-label). */
    public WebElement field(String label) {
        return waitFor(() -> {
            for (WebElement candidate : driver.findElements(By.xpath("//label[normalize-space()=" + quoted(label) + "]"))) {
                List<WebElement> control = driver.findElements(By.id(candidate.getDomAttribute("for")));
                if (!control.isEmpty() && control.getFirst().isDisplayed()) {
                    return control.getFirst();
                }
            }
            return visible(By.xpath("//*[@aria-label=" + quoted(label) + "][self::input or self::textarea or self::select]"));
        }, "a field labelled \"" + label + "\"");
    }

    /** The visible button named {@code name}. */
    public WebElement button(String name) {
        return waitFor(() -> visible(By.xpath("//button[normalize-space()=" + quoted(name) + " or @aria-label="
                + quoted(name) + "]")), "a button \"" + name + "\"");
    }

    /** The visible list ({@code ul}, {@code ol} or role list) named {@code name}. */
    public WebElement list(String name) {
        return waitFor(() -> visible(By.xpath("//*[(self::ul or self::ol or @role='list') and @aria-label="
                + quoted(name) + "]")), "a list \"" + name + "\"");
    }

    /** The items of the list named {@code name}, as their text. */
    public List<String> items(String listName) {
        return list(listName).findElements(By.xpath("./li")).stream().map(WebElement::getText).toList();
    }

    /** The visible table named {@code name} (aria-label). */
    public WebElement table(String name) {
        return waitFor(() -> visible(By.xpath("//table[@aria-label=" + quoted(name) + "]")), "a table \"" + name + "\"");
    }

    /** The body rows of the table named {@code name}, as their text. */
    public List<String> rows(String tableName) {
        return waitFor(() -> table(tableName).findElements(By.xpath("./tbody/tr")).stream().map(WebElement::getText).toList(),
                "the rows of \"" + tableName + "\"");
    }

    /** The visible region (a section, or role region) whose name, by aria-labelledby or aria-label, is {@code name}. */
    public WebElement region(String name) {
        return waitFor(() -> {
            for (WebElement candidate : driver.findElements(By.xpath("//section | //*[@role='region']"))) {
                if (candidate.isDisplayed() && name.equals(accessibleName(candidate))) {
                    return candidate;
                }
            }
            return null;
        }, "a region \"" + name + "\"");
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The texts of the visible alerts ({@code role="alert"}) that say something. */
    public List<String> alerts() {
        return driver.findElements(By.cssSelector("[role=alert]")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).filter(text -> !text.isBlank()).toList();
    }

    /** Waits until {@code condition} holds (many times the usual time), then returns its value. */
    public <T> T waitFor(Supplier<T> condition, String what) {
        // A list re-rendered while it is read leaves stale elements: read it again.
        return new WebDriverWait(driver, PATIENCE).withMessage("waited for " + what)
                .ignoring(StaleElementReferenceException.class).until(ignored -> {
                    T value = condition.get();
                    return value instanceof Boolean bool && !bool ? null : value;
                });
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** The window's inner size, as a phone or a wide screen has it. */
    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Emulates the system's light or dark setting (prefers-color-scheme). */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * From the next page on, keeps what the page's console would show as errors: uncaught errors and
     * rejections, console.error calls and Content-Security-Policy violations; read by {@link #problems}.
     */
    public void recordProblems() {
        if (recordingProblems) {
            return;
        }
        recordingProblems = true;
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__problems = [];
                window.addEventListener("error", e => __problems.push("error: " + (e.message || e.target?.src || e.target?.href)), true);
                window.addEventListener("unhandledrejection", e => __problems.push("rejection: " + e.reason));
                document.addEventListener("securitypolicyviolation", e => __problems.push("CSP " + e.violatedDirective + ": " + e.blockedURI));
                const consoleError = console.error;
                console.error = (...args) => { __problems.push("console.error: " + args.join(" ")); consoleError(...args); };
                """));
    }

    /** What {@link #recordProblems} kept on the current page. */
    @SuppressWarnings("unchecked")
    public List<String> problems() {
        return (List<String>) script("return window.__problems || ['recordProblems() was not called before the page']");
    }

    /** Every request the current page made (scripts, styles, images, fetches) with its status, from resource timing. */
    @SuppressWarnings("unchecked")
    public List<String> requests() {
        return (List<String>) script(
                "return performance.getEntriesByType('resource').map(e => e.responseStatus + ' ' + e.name)");
    }

    /**
     * A screenshot saved as {@code name} in {@link #SCREENSHOTS}, checked to be {@code width} pixels wide:
     * a picture of another width would show a layout other than the one it is named for.
     */
    public void screenshot(String name, int width) {
        Path file = SCREENSHOTS.resolve(name);
        screenshot(file);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(image.getWidth()).as(name).isEqualTo(width);
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String accessibleName(WebElement element) {
        String labelledBy = element.getDomAttribute("aria-labelledby");
        if (labelledBy != null) {
            List<WebElement> label = driver.findElements(By.id(labelledBy));
            return label.isEmpty() ? null : label.getFirst().getText();
        }
        return element.getDomAttribute("aria-label");
    }

    private WebElement visible(By by) {
        return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private static String quoted(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A temporary profile left behind is harmless.
            }
        }
    }
}
