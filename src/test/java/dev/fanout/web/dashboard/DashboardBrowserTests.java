package dev.fanout.web.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import dev.fanout.batch.LaunchOrigin;
import dev.fanout.launch.BackgroundLaunches;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real headless Chromium: list, filter, live progress, detail and timeline, launch, restart. */
class DashboardBrowserTests extends DashboardTesting {

	private static Browser browser;

	@Autowired
	BackgroundLaunches launches;

	@BeforeAll
	static void startBrowser() throws Exception {
		browser = Browser.start();
	}

	@AfterAll
	static void closeBrowser() throws Exception {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void listsFiltersAndFollowsARunningExecutionToItsEnd() {
		JobExecution failed = failed("sensors", Map.of("sensors", "2", "readings", "10"));
		long running = this.launches.start("sensors", Map.of("sensors", "2", "readings", "150", "readLatency", "20ms"), true,
				LaunchOrigin.server("dashboard", "operator", "127.0.0.1"));

		browser.open(url("/executions"));
		WebElement row = browser.find("tr[data-id='" + running + "']");
		assertThat(row.getAttribute("data-running")).isEqualTo("true");
		assertThat(row.findElements(By.cssSelector(".progress-bar"))).hasSize(1);
		// The script refreshes the bar, then reloads the list when the execution has ended.
		browser.await(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("tr[data-id='" + running + "'] .status"), "COMPLETED"));
		assertThat(browser.find("tr[data-id='" + running + "'] .status").getAttribute("class")).contains("s-completed");

		new Select(browser.find("#filter-job")).selectByValue("sensors");
		new Select(browser.find("#filter-status")).selectByValue("FAILED");
		browser.find("#filter-apply").click();
		browser.await(ExpectedConditions.urlContains("status=FAILED"));

		List<WebElement> rows = browser.all("#executions tbody tr[data-id]");
		assertThat(rows).extracting((r) -> r.getAttribute("data-id")).contains(Long.toString(failed.getId()))
			.doesNotContain(Long.toString(running));
		assertThat(rows).allSatisfy((r) -> {
			assertThat(r.findElement(By.cssSelector(".job")).getText()).isEqualTo("sensors");
			assertThat(r.findElement(By.cssSelector(".status")).getAttribute("class")).contains("s-failed");
		});
	}

	@Test
	void detailPageDrawsABarPerStepAndPartitionOnOneTimeline() {
		JobExecution done = run("factorize", Map.of("numbers", "2139079,1214759,360,97", "threads", "3"));
		int steps = this.jobRepository.getJobExecution(done.getId()).getStepExecutions().size();

		browser.open(url("/executions?job=factorize"));
		browser.find("a.execution-link[href$='/executions/" + done.getId() + "']").click();
		browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg#timeline")));

		List<WebElement> bars = browser.all("svg#timeline rect.bar");
		long drawnSteps = bars.stream().mapToLong((bar) -> bar.getAttribute("data-steps").split(" ").length).sum();
		assertThat(drawnSteps).isEqualTo(steps).isEqualTo(browser.all("#steps tbody tr").size());
		assertThat(bars).hasSize(steps); // few enough that none is merged
		assertThat(browser.all("svg#timeline g.lane.partition")).hasSize(3);
		assertThat(bars).allSatisfy((bar) -> assertThat(bar.getAttribute("class")).contains("s-completed"));
		Path shot = browser.screenshot("execution-detail");
		assertThat(shot).isRegularFile();
	}

	@Test
	void operatorLaunchesFromTheFormAfterAnInlineError() throws Exception {
		logIn();
		browser.open(url("/jobs/factorize"));
		browser.find("#p-numbers").sendKeys("91,12");
		browser.find("#p-threads").sendKeys("0");
		browser.find("#launch-form button[type=submit]").click();

		WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("launch-error")));
		assertThat(error.getText()).contains("threads=0 is not a whole number from 1 to 256");
		assertThat(browser.find("#p-threads").findElement(By.xpath("..")).getAttribute("class")).contains("invalid");
		assertThat(browser.find("#p-numbers").getAttribute("value")).isEqualTo("91,12");
		browser.screenshot("launch-error");

		browser.find("#p-threads").clear();
		browser.find("#p-threads").sendKeys("2");
		browser.find("input[name=newInstance]").click();
		browser.find("#launch-form button[type=submit]").click();
		browser.await(ExpectedConditions.urlMatches("/executions/\\d+$"));
		long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/", ""));
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#live .facts .status"), "COMPLETED"));

		JobExecution launched = this.jobRepository.getJobExecution(id);
		assertThat(launched.getJobInstance().getJobName()).isEqualTo("factorize");
		assertThat(launched.getJobParameters().getString("numbers")).isEqualTo("91,12");
		assertThat(launched.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readString(Path.of(browser.find("ul.outputs a").getText()))).contains("91,4,1 7 13 91");
		assertThat(browser.source()).doesNotContain(PASSWORD);
	}

	@Test
	void restartsAFailedExecutionByClickingItsButton() {
		JobExecution failed = failed("factorize", Map.of("numbers", "12,35", "threads", "2"));
		logIn();
		browser.open(url("/executions/" + failed.getId()));

		assertThat(browser.find("#live .exit-description").getText()).contains("the input disk went away");
		assertThat(ids(browser.all("#actions button"))).containsExactlyInAnyOrder("action-restart", "action-abandon");
		browser.find("#action-restart").click();
		browser.await(ExpectedConditions.not(ExpectedConditions.urlToBe(url("/executions/" + failed.getId()))));
		long restarted = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/", ""));
		// The notice is on the page the redirect shows; the live update reloads it without when the run ends.
		assertThat(browser.find(".notice").getText())
			.isEqualTo("Execution %d restarts execution %d's instance.".formatted(restarted, failed.getId()));
		browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#live .facts .status"), "COMPLETED"));

		JobExecution after = this.jobRepository.getJobExecution(restarted);
		assertThat(after.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(after.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		browser.screenshot("restarted");
		// The failed execution is no longer the last of its instance: it stays FAILED, and neither restarts nor is
		// abandoned any more (its instance completed).
		browser.open(url("/executions/" + failed.getId()));
		assertThat(ids(browser.all("#actions button"))).isEmpty();
	}

	private void logIn() {
		browser.open(url("/executions"));
		if (!browser.all("#login-link").isEmpty()) {
			browser.find("#login-link").click();
			browser.await(ExpectedConditions.presenceOfElementLocated(By.name("username")));
			WebElement user = browser.find("input[name=username]");
			assertThat(user.getDomProperty("value")).as("the login page fills in the operator's user name")
				.isEqualTo("operator");
			user.clear();
			user.sendKeys("operator");
			browser.find("input[name=password]").sendKeys(PASSWORD);
			browser.find("button[type=submit]").click();
			browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.top form button.link")));
		}
	}

	private static List<String> ids(List<WebElement> elements) {
		return elements.stream().map((e) -> e.getAttribute("id")).toList();
	}

}
