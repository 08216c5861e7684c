package dev.fanout.web.dashboard;

import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.fanout.core.FanoutProperties;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.launch.ExecutionActions;
import dev.fanout.launch.ExecutionProgress;
import dev.fanout.launch.Launcher;
import dev.fanout.web.RepositoryOutages;
import dev.fanout.web.UnexpectedFailures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A dashboard page that fails for a reason no refusal covers answers a page, not the API's JSON: the pages'
 * controller alone, with a repository that fails as told, and the API's advice beside it as the server has it.
 */
class DashboardFailuresTests {

	private final ExecutionHistory history = mock(ExecutionHistory.class);

	private final RepositoryOutages outages = new RepositoryOutages(
			new MockEnvironment().withProperty("logging.file.name", "data/logs/fanout.log"));

	private final MockMvc dashboard = MockMvcBuilders
		.standaloneSetup(new ExecutionPages(this.history, mock(Launcher.class), mock(ExecutionActions.class),
				mock(SchedulesPanel.class), mock(ExecutionProgress.class), new FanoutProperties(Path.of("data"))))
		.setControllerAdvice(new UnexpectedFailures(this.outages), new DashboardFailures(this.outages))
		.build();

	@Test
	void anUnexpectedFailureIsA500PagePointingToTheLogWithoutItsMessage() throws Exception {
		given(this.history.read(8)).willThrow(new IllegalStateException("jdbc:postgresql://fanout:hunter2@db/fanout"));

		MvcResult result = this.dashboard.perform(get("/executions/8").accept(MediaType.TEXT_HTML)).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(500);
		assertThat(result.getModelAndView()).isNotNull();
		assertThat(result.getModelAndView().getViewName()).isEqualTo("refused");
		assertThat(result.getModelAndView().getModel().get("message")).asString()
			.isEqualTo("the server failed to show this page (IllegalStateException); the details are in "
					+ "data/logs/fanout.log")
			.doesNotContain("hunter2");
	}

	@Test
	void aRepositoryOutOfReachIsA503PageThatSaysToTryAgain() throws Exception {
		given(this.history.read(7)).willThrow(new DataAccessResourceFailureException("Database is already closed",
				new SQLNonTransientConnectionException("Database is already closed", "90121")));

		MvcResult result = this.dashboard.perform(get("/executions/7").accept(MediaType.TEXT_HTML)).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getModelAndView()).isNotNull();
		assertThat(result.getModelAndView().getViewName()).isEqualTo("refused");
		assertThat(result.getModelAndView().getModel().get("message")).asString()
			.contains("the connection to the job repository was lost")
			.contains("try again in a moment");
	}

	@Test
	void springsOwnAnswersToBadRequestsStayTheirs() throws Exception {
		MvcResult wrongMethod = this.dashboard.perform(delete("/executions/7")).andReturn();

		assertThat(wrongMethod.getResponse().getStatus()).isEqualTo(405);
	}

}
