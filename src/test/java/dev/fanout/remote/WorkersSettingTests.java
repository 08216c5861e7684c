package dev.fanout.remote;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WorkersSettingTests {

	@Test
	void aMisspeltValueStopsTheStartWithTheValuesThatWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkersSetting(new MockEnvironment().withProperty("fanout.workers", "remtoe")))
			.withMessage("fanout.workers=remtoe: give local (the default: partitions run in this process) or remote "
					+ "(on 'fanout worker' processes, with the postgres and remote profiles)");
	}

	@Test
	void localRemoteInAnyCaseAndNoValueAtAllAreAccepted() {
		for (String value : new String[] { "local", "remote", "Remote", " LOCAL " }) {
			assertThatNoException().as(value)
				.isThrownBy(() -> new WorkersSetting(new MockEnvironment().withProperty("fanout.workers", value)));
		}
		assertThatNoException().isThrownBy(() -> new WorkersSetting(new MockEnvironment()));
	}

}
