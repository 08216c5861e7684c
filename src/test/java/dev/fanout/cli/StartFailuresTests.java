package dev.fanout.cli;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StartFailuresTests {

	@Test
	void aPortInUseNamesThePortTheAddressAndTheOptionThatChangesIt() {
		RuntimeException failure = new ApplicationContextException("Unable to start web server",
				new PortInUseException(8080, new java.net.BindException("Address already in use")));

		String line = StartFailures.describe(failure, new MockEnvironment().withProperty("server.address", "127.0.0.1"));

		assertThat(line).isEqualTo("port 8080 on 127.0.0.1 is in use (another serve?); choose another with --server.port=N");
	}

	@Test
	void withoutAnEnvironmentThePortIsStillNamed() {
		assertThat(StartFailures.describe(new PortInUseException(9090), null))
			.isEqualTo("port 9090 is in use (another serve?); choose another with --server.port=N");
	}

	@Test
	void otherFailuresSayWhyNothingStarted() {
		assertThat(StartFailures.describe(new IllegalStateException("fanout.data-dir is not writable"), null))
			.isEqualTo("could not start: fanout.data-dir is not writable");
	}

}
