package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The migration console in a real browser (Debian's Chromium, headless): sign in, flip a route, see the change
 * and the audit entry, open a shadow diff. Leaves a screenshot in {@code strangler-proxy/target/console.png}.
 */
class ProxyConsoleBrowserTests extends ProxyAgainstLegacyShop {

	static WebDriver browser;

	@BeforeAll
	static void startBrowser() throws Exception {
		ensureChromium();
		var options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1400,1800",
					"--user-data-dir=" + Files.createTempDirectory("rf-chromium").toAbsolutePath());
		var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void signInFlipARouteAndOpenADiff() throws Exception {
		String base = "http://127.0.0.1:" + port;
		var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		browser.get(base + "/admin");
		wait.until(ExpectedConditions.urlContains("/admin/login"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("admin-secret");
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#routes tr[data-route='catalog']")));

		// Flip catalog to SHADOW from the console.
		var row = browser.findElement(By.cssSelector("#routes tr[data-route='catalog']"));
		new Select(row.findElement(By.name("mode"))).selectByVisibleText("SHADOW");
		row.findElement(By.name("reason")).sendKeys("browser test: start shadowing");
		row.findElement(By.cssSelector("button.apply")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "catalog is now SHADOW"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#routes tr[data-route='catalog'] [data-mode]"), "SHADOW"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "browser test: start shadowing"));

		// A shopper's request now produces a shadow comparison; its diff opens in the viewer.
		ProxyHttp.get(base, "/product.php?id=5");
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#samples button.show-diff"))).click();
		// The viewer lists the fields that differ, each with legacy's and the new side's value.
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#diff-viewer tr[data-field='body'] .new"), "new product 5"));
		assertThat(browser.findElement(By.cssSelector("#diff-viewer tr[data-field='title'] .legacy")).getText())
			.contains("RetailFlow Shop");
		assertThat(browser.findElements(By.cssSelector("#charts svg"))).hasSizeGreaterThanOrEqualTo(4);

		// A refused flip shows why.
		row = browser.findElement(By.cssSelector("#routes tr[data-route='catalog']"));
		new Select(row.findElement(By.name("mode"))).selectByVisibleText("NEW");
		row.findElement(By.name("reason")).sendKeys("too early");
		row.findElement(By.cssSelector("button.apply")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "409"));

		// Under target/ so a test run leaves the working tree as it was; -Dretailflow.console-screenshot=docs/console.png
		// (relative to the repository) refreshes the committed picture.
		Path screenshot = LegacyShop.legacyDirectory()
			.getParent()
			.resolve(System.getProperty("retailflow.console-screenshot", "strangler-proxy/target/console.png"));
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	/** Debian's Chromium and its driver; installed when missing (as root), so the test never skips. */
	static void ensureChromium() throws Exception {
		if (Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
			return;
		}
		var install = new ProcessBuilder("bash", "-c",
				"DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver || "
						+ "(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver)")
			.redirectErrorStream(true)
			.start();
		install.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
			throw new IllegalStateException("Could not install chromium and chromium-driver (run as root, or install them)");
		}
	}
}
