package dev.fanout.cli;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.launch.BackgroundLaunches;
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

}
