package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.testing.ScriptedReceiver;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through its chromedriver by
 * Selenium, against a running server on a SQLite store with an API key and a real local receiver
 * that fails until told otherwise. Each page is loaded and photographed under
 * {@code target/dashboard/}. Where Chromium or its driver is not installed (.ci/run installs both)
 * the tests are skipped, saying so in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "chromiumIsInstalled", disabledReason = "/usr/bin/chromium or /usr/bin/chromedriver is not installed"
        + " (apt-get install chromium chromium-driver; .ci/run does)")
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String KEY = "browser-key";
    private static final String SCRIPT = "<script>window.pwned = 'script'</script>";
    private static final String IMAGE = "\"><img src=x onerror=\"window.pwned = 'img'\">";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    // Static: JUnit fills instance @TempDir fields only after @BeforeAll, even per class.
    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private ScriptedReceiver receiver;
    private TestService service;
    private WebDriver browser;
    private WebDriverWait wait;

    static boolean chromiumIsInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("DashboardBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is not installed");
        }
        return installed;
    }

    @BeforeAll
    void start() throws Exception {
        assertThat(data).isNotNull();
        assertThat(profile).isNotNull();
        receiver = new ScriptedReceiver();
        receiver.answer(500);
        service = TestService.startOn(data, """
                version: 1
                server: {api_keys: [%2$s]}
                handlers:
                  - name: engine-hook
                    type: posting
                    events: ["*"]
                    retry: {attempts: 1}
                    config: {url: "%1$s"}
                  - {name: watcher, type: recording, events: ["*"]}
                """.formatted(receiver.url(), KEY));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close(Duration.ofMillis(100));
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void open(String hash) {
        browser.get(service.uri("/ui/") + hash);
    }

    /** Forgets any key the tab holds, then gives the right one through the page's form. */
    private void signIn() {
        open("#/handlers");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        form.findElement(By.id("key-input")).sendKeys(KEY);
        form.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#handlers tr[data-handler='engine-hook']")));
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of("target", "dashboard");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String post(String json) throws Exception {
        HttpResponse<String> response = service.send(service.request("/v1/events").header("X-API-Key", KEY)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return TestService.json(response).get("ids").get(0).asText();
    }

    @Test
    void withoutTheKeyThePageAsksForItAndShowsNoData() throws Exception {
        open("#/sessions");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
        assertThat(browser.findElements(By.cssSelector("#page table"))).isEmpty();
        browser.findElement(By.id("key-input")).sendKeys("not-the-key");
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-reason"), "refused"));
        assertThat(browser.findElements(By.cssSelector("#page table"))).isEmpty();
        screenshot("key");
    }

    @Test
    void everyPageLoadsWithTheKey() throws Exception {
        String sessionId = "page-" + System.nanoTime();
        post("{\"event_type\": \"workflow_start\", \"session_id\": \"" + sessionId + "\", \"spec_name\": \"research\"}");
        signIn();
        WebElement row = browser.findElement(By.cssSelector("#handlers tr[data-handler='engine-hook']"));
        assertThat(row.getText()).contains("posting");
        assertThat(row.findElements(By.cssSelector("canvas.rate"))).hasSize(1);
        screenshot("handlers");

        open("#/sessions");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sessions tr[data-session='" + sessionId + "']")));
        for (int i = 0; i < 21; i++) {
            post("{\"event_type\": \"workflow_start\", \"session_id\": \"many-" + i + "-" + sessionId + "\"}");
        }
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sessions-next"))).click();
        wait.until(ExpectedConditions.urlContains("offset=20"));
        wait.until(ExpectedConditions.textMatches(By.id("sessions-range"), java.util.regex.Pattern.compile("^21–\\d+ of \\d+$")));
        assertThat(browser.findElement(By.id("sessions-previous")).isEnabled()).isTrue();
        new Select(browser.findElement(By.id("status-filter"))).selectByValue("completed");
        wait.until(ExpectedConditions.urlContains("status=completed"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-session='" + sessionId + "']")));
        screenshot("sessions");

        open("#/plugins");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plugins-loaded")));
        assertThat(browser.findElement(By.id("no-failed-plugins")).getText()).isEqualTo("None.");
        screenshot("plugins");

        open("#/dead-letters");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handler-filter")));
        screenshot("dead-letters");
    }

    @Test
    void anEventHoldingMarkupShowsAsText() throws Exception {
        String sessionId = "markup-" + System.nanoTime();
        String data = TestService.JSON.writeValueAsString(java.util.Map.of("response", SCRIPT, "title", IMAGE));
        post("{\"event_type\": \"step_complete\", \"session_id\": \"" + sessionId + "\", \"data\": " + data + "}");
        signIn();

        open("#/sessions/" + sessionId);
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#events pre.data")));

        assertThat(shown.getText()).contains("<script>window.pwned = 'script'</script>")
                .contains("<img src=x onerror=");
        assertThat(browser.findElements(By.cssSelector("#events img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#events script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        screenshot("session-markup");
    }

    /** @return the id of the event's dead letter, once it is one */
    private long deadLetterOf(String eventId) throws Exception {
        long[] id = new long[1];
        TestService.await("the delivery of " + eventId + " is a dead letter", () -> {
            try {
                HttpResponse<String> page = service.send(service.request("/v1/deliveries?event_id=" + eventId)
                        .header("X-API-Key", KEY).GET());
                var items = TestService.json(page).get("items");
                id[0] = items.isEmpty() ? 0 : items.get(0).get("id").asLong();
                return id[0] > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return id[0];
    }

    @Test
    void replayingADeadLetterByClickingSendsItToTheReceiverAgain() throws Exception {
        receiver.answer(500);
        String eventId = post("{\"event_type\": \"error\", \"session_id\": \"replay-" + System.nanoTime() + "\"}");
        TestService.await("the receiver refused the event once", () -> receiver.arrivals().stream()
                .anyMatch(arrival -> eventId.equals(arrival.webhookId()) && arrival.status() == 500));
        long id = deadLetterOf(eventId);
        signIn();
        open("#/dead-letters?handler=engine-hook");
        WebElement dead = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#dead-letters tr[data-delivery='" + id + "']")));
        assertThat(dead.getText()).contains("engine-hook").contains("500");
        receiver.answer(200);
        screenshot("dead-letter-before-replay");

        dead.findElement(By.cssSelector("button.replay")).click();

        TestService.await("the receiver got the replayed event and answered 200", () -> receiver.arrivals().stream()
                .anyMatch(arrival -> eventId.equals(arrival.webhookId()) && arrival.status() == 200));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "replayed"));
        List<ScriptedReceiver.Arrival> arrivals = receiver.arrivals().stream()
                .filter(arrival -> eventId.equals(arrival.webhookId())).toList();
        assertThat(arrivals).extracting(ScriptedReceiver.Arrival::status).containsExactly(500, 200);
        screenshot("dead-letter-replayed");
    }

    @Test
    void deletingOneDeadLetterAndReplayingAllOfAHandlerByClicking() throws Exception {
        receiver.answer(500);
        String kept = post("{\"event_type\": \"error\", \"session_id\": \"all-" + System.nanoTime() + "\"}");
        String deleted = post("{\"event_type\": \"error\", \"session_id\": \"gone-" + System.nanoTime() + "\"}");
        long keptId = deadLetterOf(kept);
        long deletedId = deadLetterOf(deleted);
        signIn();
        open("#/dead-letters");
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handler-filter"))))
                .selectByValue("engine-hook");
        wait.until(ExpectedConditions.urlContains("handler=engine-hook"));
        WebElement doomed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#dead-letters tr[data-delivery='" + deletedId + "']")));

        doomed.findElement(By.cssSelector("button.delete")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "deleted"));
        assertThat(browser.findElements(By.cssSelector("#dead-letters tr[data-delivery='" + deletedId + "']"))).isEmpty();
        assertThat(service.send(service.request("/v1/deliveries/" + deletedId).header("X-API-Key", KEY).GET())
                .statusCode()).isEqualTo(404);
        receiver.answer(200);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("replay-all"))).click();

        TestService.await("the receiver got the kept dead letter again and answered 200", () -> receiver.arrivals()
                .stream().anyMatch(arrival -> kept.equals(arrival.webhookId()) && arrival.status() == 200));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Every dead letter of engine-hook"));
        assertThat(receiver.arrivals().stream().filter(arrival -> deleted.equals(arrival.webhookId())))
                .as("the deleted dead letter is never sent again").hasSize(1);
        assertThat(keptId).isPositive();
        screenshot("dead-letters-replayed-all");
    }
}
