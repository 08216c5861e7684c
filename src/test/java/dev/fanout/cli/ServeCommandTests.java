package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.core.ExitCodes;
import dev.fanout.launch.BackgroundLaunches;
import dev.fanout.launch.BackgroundLaunches.FailedLaunch;
import dev.fanout.schedule.SchedulerLifecycle;
import dev.fanout.web.OperatorAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

/** What {@code serve} does once a signal came: the order in which it winds down. */
class ServeCommandTests {

	@Test
	void launchesAreRefusedAndTheSchedulerStopsFiringBeforeTheLaunchesAreWaitedFor() throws Exception {
		SchedulerLifecycle scheduler = mock(SchedulerLifecycle.class);
		BackgroundLaunches launches = mock(BackgroundLaunches.class);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("schedulerLifecycle", scheduler);
		beans.addBean("backgroundLaunches", launches);
		ServeCommand serve = new ServeCommand(new MockEnvironment(), mock(SignalStop.class),
				beans.getBeanProvider(BackgroundLaunches.class), mock(OperatorAccount.class),
				beans.getBeanProvider(SchedulerLifecycle.class));

		serve.stopServing(launches);

		InOrder order = inOrder(scheduler, launches);
		order.verify(launches).refuseLaunches();
		order.verify(scheduler).stop();
		order.verify(launches).shutdownAndWait();
	}

	@Test
	void withoutASchedulerTheLaunchesAreStillWaitedFor() throws Exception {
		BackgroundLaunches launches = mock(BackgroundLaunches.class);
		boolean[] waited = new boolean[1];
		willAnswer((invocation) -> waited[0] = true).given(launches).shutdownAndWait();
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		ServeCommand serve = new ServeCommand(new MockEnvironment(), mock(SignalStop.class),
				beans.getBeanProvider(BackgroundLaunches.class), mock(OperatorAccount.class),
				beans.getBeanProvider(SchedulerLifecycle.class));

		serve.stopServing(launches);

		assertThat(waited[0]).isTrue();
	}

	@Test
	void jobsThatRanAtTheSignalAreSaidStoppedWhenTheirLaunchesEndedWell() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = ServeCommand.closing(true, List.of(), new PrintWriter(out), new PrintWriter(err));

		assertThat(exitCode).isEqualTo(ExitCodes.OK);
		assertThat(out).hasToString("Jobs stopped; closing the server." + System.lineSeparator());
		assertThat(err.toString()).isEmpty();
	}

	/** Its end's write failed (the repository went away): it may be left running there, not stopped. */
	@Test
	void aLaunchThatFailedAsItStoppedIsNamedWithWhatToDoAndServeExitsWithFailure() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = ServeCommand.closing(true, List.of(new FailedLaunch(12, "sensors", "Connection refused")),
				new PrintWriter(out), new PrintWriter(err));

		assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
		assertThat(err).hasToString("fanout: execution 12 of sensors failed as it stopped: Connection refused; the "
				+ "repository may not have its end: if 'fanout show 12' says it runs, 'fanout recover --orphans', then "
				+ "'fanout restart 12'" + System.lineSeparator());
		assertThat(out.toString()).doesNotContain("Jobs stopped")
			.isEqualTo("Closing the server; 1 execution failed as it stopped (see above)." + System.lineSeparator());
	}

}
