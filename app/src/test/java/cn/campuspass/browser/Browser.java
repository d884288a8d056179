package cn.campuspass.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by Selenium; nothing is downloaded at run time. */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser desktop() {
        return start(1440, 900);
    }

    /** The console's smallest supported screen, a 1366×768 laptop. */
    public static Browser laptop() {
        return start(1366, 768);
    }

    public static Browser phone() {
        return start(390, 844);
    }

    /** A phone whose browser says it is WeChat's (the portals do what they do inside WeChat). */
    public static Browser weChatPhone() {
        return start(390, 844, false, WECHAT_USER_AGENT);
    }

    static final String WECHAT_USER_AGENT =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323a) NetType/WIFI Language/zh_CN";

    /**
     * A browser of the given size that also keeps Chromium's performance log (DevTools network events, read by
     * {@link Wire}) and its console log (where CSP violations are reported).
     */
    public static Browser recording(int width, int height) {
        return start(width, height, true);
    }

    private static Browser start(int width, int height) {
        return start(width, height, false);
    }

    private static Browser start(int width, int height, boolean recording) {
        return start(width, height, recording, null);
    }

    private static Browser start(int width, int height, boolean recording, String userAgent) {
        ChromeOptions options = new ChromeOptions();
        if (userAgent != null) {
            options.addArguments("--user-agent=" + userAgent);
        }
        if (recording) {
            options.setCapability(
                    "goog:loggingPrefs",
                    java.util.Map.of(
                            org.openqa.selenium.logging.LogType.PERFORMANCE, "ALL",
                            org.openqa.selenium.logging.LogType.BROWSER, "ALL"));
        }
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--lang=zh-CN",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement await(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.findElements(by).stream()
                            .filter(WebElement::isDisplayed)
                            .findFirst()
                            .orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "Waited for " + by + " at " + driver.getCurrentUrl() + "; screenshot "
                            + screenshot("timeout-" + System.currentTimeMillis()) + "; page: "
                            + abbreviate(driver.getPageSource()),
                    e);
        }
    }

    /** Waits for an element that exists in the page, displayed or not (a hidden file input, for instance). */
    public WebElement present(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.findElements(by).stream().findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "Waited for " + by + " at " + driver.getCurrentUrl() + "; screenshot "
                            + screenshot("timeout-" + System.currentTimeMillis()),
                    e);
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 3000 ? s : s.substring(0, 3000) + "...";
    }

    public WebElement testId(String id) {
        return await(By.cssSelector("[data-test='" + id + "']"));
    }

    /** Types into the input behind a {@code data-test} hook, whether the hook is on the input or its wrapper. */
    public void type(String id, String text) {
        WebElement hook = testId(id);
        WebElement input = "input".equals(hook.getTagName()) || "textarea".equals(hook.getTagName())
                ? hook
                : hook.findElement(By.cssSelector("input, textarea"));
        input.clear();
        input.sendKeys(text);
    }

    public void until(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(driver, timeout).until(condition::apply);
    }

    /**
     * Allows sign-in on the WeChat simulator's stand-in for WeChat's consent page as {@code openid}. The server builds
     * the OAuth redirect_uri from {@code campuspass.public-url}, which in tests is not the app's random port, so the
     * page's redirect_uri is pointed at {@code appBaseUrl} first (WeChat itself only checks the domain, and so does
     * nothing here).
     */
    public void allowOnWeChatConsentPage(String appBaseUrl, String openid) {
        await(By.id("sim_allow"));
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                        "var r = document.querySelector('input[name=redirect_uri]');"
                                + "var u = new URL(r.value); r.value = arguments[0] + u.pathname + u.search;",
                        appBaseUrl);
        WebElement field = await(By.id("sim_openid"));
        field.clear();
        field.sendKeys(openid);
        await(By.id("sim_allow")).click();
    }

    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
