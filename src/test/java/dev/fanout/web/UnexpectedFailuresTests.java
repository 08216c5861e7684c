package dev.fanout.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.fanout.history.ExecutionHistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The API's answer to failures no refusal covers: a problem detail that says what to do, never Spring Boot's bare
 * error JSON nor the exception's message. The controllers alone, with a repository that fails as told.
 */
class UnexpectedFailuresTests {

	private final ExecutionHistory history = mock(ExecutionHistory.class);

	private final MockMvc api = MockMvcBuilders.standaloneSetup(new ExecutionsApi(this.history, List.of()))
		.setControllerAdvice(new ApiProblems(), new UnexpectedFailures(new RepositoryOutages(
				new MockEnvironment().withProperty("logging.file.name", "data/logs/fanout.log"))))
		.build();

	@Test
	void aRepositoryOutOfReachIsA503ProblemThatSaysToTryAgain() throws Exception {
		given(this.history.detail(7)).willThrow(new DataAccessResourceFailureException("Database is already closed",
				new SQLNonTransientConnectionException("Database is already closed", "90121")));

		MvcResult result = this.api.perform(get("/api/executions/7")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains("the connection to the job repository was lost")
			.contains("try again in a moment")
			.contains("data/logs/fanout.log")
			.doesNotContain("already closed");
	}

	@Test
	void aPoolThatGaveNoConnectionInTimeIsA503ProblemSayingTheRepositoryDidNotAnswer() throws Exception {
		// What a stalled repository gives once the pool's wait ran out while it found its idle connection dead.
		given(this.history.detail(9)).willThrow(new TransientDataAccessResourceException("PreparedStatementCallback",
				new SQLTransientConnectionException("fanout-repository - Connection is not available, request timed "
						+ "out after 30000ms (total=0, active=0, idle=0, waiting=0)")));

		MvcResult result = this.api.perform(get("/api/executions/9")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentAsString()).contains("the job repository did not answer in time")
			.contains("try again in a moment")
			.doesNotContain("fanout-repository");
	}

	@Test
	void anUnexpectedFailureIsA500ProblemPointingToTheLogWithoutItsMessage() throws Exception {
		given(this.history.detail(8)).willThrow(new IllegalStateException("jdbc:postgresql://fanout:hunter2@db/fanout"));

		MvcResult result = this.api.perform(get("/api/executions/8")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(500);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getContentAsString())
			.contains("the server failed to answer this request (IllegalStateException); the details are in "
					+ "data/logs/fanout.log")
			.doesNotContain("hunter2");
	}

	@Test
	void springsOwnAnswersToBadRequestsStayTheirs() throws Exception {
		MvcResult wrongMethod = this.api.perform(delete("/api/executions/7")).andReturn();
		MvcResult mistyped = this.api.perform(get("/api/executions/abc")).andReturn();

		assertThat(wrongMethod.getResponse().getStatus()).isEqualTo(405);
		assertThat(mistyped.getResponse().getStatus()).isEqualTo(400);
	}

}
