package dev.fanout.jobs.images;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.http.DownloadFailedException;
import dev.fanout.jobs.images.http.ImageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What the chunk makes of a download whose retries ran out, by the parameter and the setting. */
class ImageOutcomesTests {

	private static final String URL = "http://127.0.0.1:9/dead.png";

	@Test
	void theSettingSkipsWhenTheInstanceWasLaunchedWithoutTheParameter() {
		assertThatExceptionOfType(ImageRejectedException.class)
			.isThrownBy(() -> outcomes(null, OnExhausted.SKIP).process(exhausted()))
			.withMessage("gave up: timed out (nothing received for 300 ms) after 3 attempts (onExhausted=skip)");
	}

	@Test
	void theParameterWinsOverTheSettingAndTheFailureSaysARestartCannotChangeIt() {
		assertThatExceptionOfType(DownloadFailedException.class)
			.isThrownBy(() -> outcomes(OnExhausted.FAIL, OnExhausted.SKIP).process(exhausted()))
			.withMessageStartingWith("download of %s: timed out (nothing received for 300 ms) after 3 attempts; ", URL)
			.withMessageContaining("which its restarts keep");
	}

	@Test
	void anInterruptedDownloadIsNeverSkipped() {
		DownloadFailedException interrupted = new DownloadFailedException("download of " + URL + ": interrupted", null);
		PendingImage image = new PendingImage(new ImageSource(0, URL), CompletableFuture.failedFuture(interrupted));
		assertThatExceptionOfType(DownloadFailedException.class)
			.isThrownBy(() -> outcomes(OnExhausted.SKIP, OnExhausted.SKIP).process(image))
			.withMessage("download of " + URL + ": interrupted");
	}

	@Test
	void anUnknownChoiceIsRefusedNamingTheValidOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> OnExhausted.parse("onExhausted", "retry"))
			.withMessageStartingWith("onExhausted=retry is not fail (")
			.withMessageContaining("or skip (");
		assertThat(OnExhausted.parse("onExhausted", " SKIP ")).isEqualTo(OnExhausted.SKIP);
	}

	private static ImageOutcomes outcomes(@Nullable OnExhausted parameter, OnExhausted setting) {
		return new ImageOutcomes(parameter, setting);
	}

	private static PendingImage exhausted() {
		DownloadFailedException failed = new DownloadFailedException(
				"download of " + URL + ": timed out (nothing received for 300 ms) after 3 attempts",
				new HttpTimeoutException("nothing received for 300 ms"), true);
		return new PendingImage(new ImageSource(0, URL), CompletableFuture.failedFuture(failed));
	}

}
