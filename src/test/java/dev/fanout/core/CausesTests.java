package dev.fanout.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

	@Test
	void aChainIsTheFailureAndItsCausesOutermostFirst() {
		ConnectException refused = new ConnectException("Connection refused");
		IOException io = new IOException("cannot download", refused);
		UncheckedIOException failure = new UncheckedIOException(io);

		assertThat(Causes.of(failure)).containsExactly(failure, io, refused);
		assertThat(Causes.find(failure, IOException.class)).containsSame(io);
		assertThat(Causes.find(failure, ConnectException.class)).containsSame(refused);
		assertThat(Causes.find(failure, IllegalStateException.class)).isEmpty();
	}

	@Test
	void aChainThatLoopsBackEndsWithEachCauseOnce() {
		IllegalStateException outer = new IllegalStateException("outer");
		IllegalArgumentException inner = new IllegalArgumentException("inner", outer);
		outer.initCause(inner);

		assertThat(Causes.of(outer)).containsExactly(outer, inner);
		assertThat(Causes.find(outer, NullPointerException.class)).isEmpty();
	}

}
