package dev.rustypinch.plugin.channelweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page (SPEC §20.3) in a real headless Chromium driven by Selenium, against a running worker. Needs Debian's
 * {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); without them the test is skipped and
 * says so.
 */
class ChatPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path work;

    private WebWorker worker;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "BROWSER TEST SKIPPED: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed; install them with "
                        + "'apt-get install -y chromium chromium-driver' (as .ci/run does)");
        worker = WebWorker.start(work, 6, Map.of());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(375, 740));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (worker != null) {
            worker.close();
        }
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private List<WebElement> messages(String role) {
        return browser.findElements(By.cssSelector(".msg[data-role='" + role + "']"));
    }

    private void say(String text) {
        WebElement input = await().until(driver -> {
            WebElement box = driver.findElement(By.id("input"));
            return box.isDisplayed() ? box : null;
        });
        input.sendKeys(text, Keys.ENTER);
    }

    private void awaitMessages(String role, int count) {
        await().until(driver -> messages(role).size() >= count);
    }

    @Test
    void enterTheTokenChatWithAToolAndSeeTheHistoryAfterAReload() {
        browser.get("http://127.0.0.1:" + worker.port() + "/#session=browser");
        WebElement token = await().until(driver -> {
            WebElement field = driver.findElement(By.id("token"));
            return field.isDisplayed() ? field : null;
        });
        token.sendKeys(WebWorker.TOKEN, Keys.ENTER);

        say("hello");
        awaitMessages("assistant", 1);
        say("/tool time_now");
        awaitMessages("assistant", 2);

        assertEquals("[Rusty Pinch:local:test-model] Received 'hello'. history=0 messages.", messages("assistant").get(0).getText());
        assertTrue(messages("assistant").get(1).getText().startsWith("[tool:time_now]"), messages("assistant").get(1).getText());
        assertFalse(browser.getCurrentUrl().contains("#"), browser.getCurrentUrl());

        browser.navigate().refresh();
        awaitMessages("assistant", 2);
        List<WebElement> all = browser.findElements(By.cssSelector(".msg"));
        assertEquals(List.of("user", "assistant", "user", "assistant"), all.stream().map(m -> m.getAttribute("data-role")).toList());
        assertEquals("hello", all.get(0).getText());
        assertEquals("/tool time_now", all.get(2).getText());
    }

    @Test
    void theFragmentGivesTokenAndSessionAndAFailedTurnShowsItsError() {
        browser.get("http://127.0.0.1:" + worker.port() + "/#token=" + WebWorker.TOKEN + "&session=fragment");

        say("/tool session_tail 0");
        awaitMessages("error", 1);

        String error = messages("error").get(0).getText();
        assertTrue(error.matches("request_id=rp-[0-9a-f]+-[0-9a-f]+: tool 'session_tail' execution failed: count must be > 0"), error);
        assertFalse(browser.getCurrentUrl().contains("token"), "the token is removed from the address bar");
        assertTrue(browser.findElement(By.id("session-name")).getText().equals("web:fragment"));
    }

    @Test
    void aWrongTokenAsksForTheTokenAgain() {
        browser.get("http://127.0.0.1:" + worker.port() + "/#token=wrong");

        WebElement notice = await().until(driver -> {
            WebElement text = driver.findElement(By.id("token-error"));
            return text.isDisplayed() ? text : null;
        });

        assertTrue(notice.getText().contains("not accepted"), notice.getText());
        assertTrue(browser.findElement(By.id("token")).isDisplayed());
    }
}
