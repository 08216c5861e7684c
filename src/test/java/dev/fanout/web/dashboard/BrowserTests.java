package dev.fanout.web.dashboard;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A missing browser skips the browser tests on a developer's machine, and fails them under CI. */
class BrowserTests {

	@Test
	void aMissingBrowserFailsUnderCi() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> Browser.requireInstalled(false, "true"))
			.withMessageContaining("CI=true")
			.withMessageContaining("/usr/bin/chromedriver")
			.withMessageContaining("apt-get install chromium chromium-driver");
	}

	@Test
	void aMissingBrowserSkipsElsewhere() {
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> Browser.requireInstalled(false, null));
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> Browser.requireInstalled(false, "false"));
	}

	@Test
	void anInstalledBrowserRunsEverywhere() {
		assertThatCode(() -> Browser.requireInstalled(true, "true")).doesNotThrowAnyException();
		assertThatCode(() -> Browser.requireInstalled(true, null)).doesNotThrowAnyException();
	}

}
