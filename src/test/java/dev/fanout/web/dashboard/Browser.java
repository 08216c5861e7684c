package dev.fanout.web.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.fanout.RequiredTool;

/**
 * Debian's headless Chromium, driven through its chromedriver by Selenium (no browser download: both come from
 * {@code apt-get install chromium chromium-driver}, which {@code .ci/run} does). One browser per test class.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static final String MISSING = ("the browser tests need Debian's chromium and chromium-driver (%s, %s): apt-get "
			+ "install chromium chromium-driver").formatted(CHROMIUM, CHROMEDRIVER);

	/**
	 * Starts Chromium. When it is not installed, the calling tests are skipped on a developer's machine, and fail under
	 * CI ({@code CI=true}, as CI services set it), where a skip would let the build pass without the browser tests.
	 */
	static Browser start() throws IOException {
		requireInstalled(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), System.getenv("CI"));
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		Path profile = Files.createTempDirectory("fanout-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1360,1000", "--user-data-dir=" + profile,
				// The page is the one a user looks at: Chromium must not take the headless window for a hidden or
				// occluded one and throttle its timers, which drive the live updates (a launched job's page once
				// showed no update for 45 s in CI, on a busy machine).
				"--disable-background-timer-throttling", "--disable-renderer-backgrounding",
				"--disable-backgrounding-occluded-windows");
		// Its console, for what a timed-out wait reports.
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		return new Browser(new ChromeDriver(options), profile);
	}

	/** Returns when the browser is installed; fails under CI, else skips (a JUnit assumption). */
	static void requireInstalled(boolean installed, String ci) {
		RequiredTool.require(installed, ci, MISSING);
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/**
	 * Waits (up to 45 s) until the page meets the condition; no sleeping. When it times out, the failure carries the
	 * page's address and visible text, and a screenshot is saved ({@code timeout.png}), to see what the page showed.
	 */
	<T> T await(ExpectedCondition<T> condition) {
		try {
			return new WebDriverWait(this.driver, Duration.ofSeconds(45)).until(condition);
		}
		catch (TimeoutException ex) {
			String page;
			try {
				page = this.driver.getCurrentUrl() + "\n" + find("body").getText()
						+ "\nIts requests (ms after it began loading, address, status, ms taken):\n"
						+ this.driver.executeScript(REQUESTS) + "\nIts console:\n" + console();
				screenshot("timeout");
			}
			catch (RuntimeException unreadable) {
				ex.addSuppressed(unreadable); // the page could not be read: the timeout stays the failure
				throw ex;
			}
			throw new TimeoutException(ex.getMessage() + "\nThe page then: " + page, ex);
		}
	}

	/** What the page requested since it began loading, its live updates' fetches among them. */
	private static final String REQUESTS = """
			return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
				.map((e) => Math.round(e.startTime) + ' ' + e.name + ' ' + (e.responseStatus || '-') + ' '
					+ Math.round(e.duration)).join('\\n') + '\\n(now ' + Math.round(performance.now()) + ')';""";

	private String console() {
		try {
			return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString)
				.collect(Collectors.joining("\n"));
		}
		catch (RuntimeException ex) {
			return "(not available: " + ex.getMessage() + ")";
		}
	}

	String source() {
		return this.driver.getPageSource();
	}

	/** Saves a screenshot of the whole page to {@code target/screenshots/<name>.png}. */
	Path screenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		Number height = (Number) this.driver.executeScript("return document.documentElement.scrollHeight");
		// Headless Chromium captures the window only: make it as tall as the page, then put it back.
		this.driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(height.intValue() + 140, 4000)));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			dev.fanout.TestDataDirectories.delete(this.profile);
		}
	}

}
