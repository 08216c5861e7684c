package dev.fanout;

import jdk.jfr.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlightRecorderWarmUpTests {

	/** A Spring Batch that renamed or dropped the event would leave the warm-up doing nothing, silently. */
	@Test
	void warmsUpAJfrEventOfSpringBatch() throws ClassNotFoundException {
		Class<?> event = Class.forName(FlightRecorderWarmUp.FIRST_EVENT, false, getClass().getClassLoader());

		assertThat(Event.class).isAssignableFrom(event);
	}

}
