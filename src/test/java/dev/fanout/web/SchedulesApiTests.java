package dev.fanout.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import dev.fanout.WebTesting;
import dev.fanout.schedule.InvalidSchedulesException;
import dev.fanout.schedule.ScheduleOverview;
import dev.fanout.schedule.Schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The schedules as the API lists them: over real HTTP as the server has them (none configured), and the controller
 * alone over schedules given as told.
 */
class SchedulesApiTests extends WebTesting {

	private final Schedules schedules = mock(Schedules.class);

	private final MockMvc api = MockMvcBuilders.standaloneSetup(new SchedulesApi(this.schedules))
		.setControllerAdvice(new ApiProblems(), new UnexpectedFailures(new RepositoryOutages(
				new MockEnvironment().withProperty("logging.file.name", "data/logs/fanout.log"))))
		.build();

	@Test
	void isReadOverHttpWithoutTheOperatorFromTheServersHost() throws Exception {
		Response response = get("/api/schedules");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().isArray()).isTrue();
	}

	@Test
	void listsEachScheduleWithAsManyNextFireTimesAsAsked() throws Exception {
		OffsetDateTime next = OffsetDateTime.of(2026, 12, 7, 2, 0, 0, 0, ZoneOffset.UTC);
		given(this.schedules.overview(2)).willReturn(List.of(new ScheduleOverview("nightly", "factorize",
				"0 0 2 * * *", "UTC", "run-once", Map.of("threads", "2"), List.of(next, next.plusDays(1)), null)));

		MvcResult result = this.api.perform(MockMvcRequestBuilders.get("/api/schedules?count=2")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("\"name\":\"nightly\"")
			.contains("\"job\":\"factorize\"")
			.contains("\"threads\":\"2\"");
	}

	@Test
	void aCountOutsideOneToAHundredIsA400() throws Exception {
		MvcResult result = this.api.perform(MockMvcRequestBuilders.get("/api/schedules?count=0")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("count=0 is not a whole number from 1 to 100");
		verifyNoInteractions(this.schedules);
	}

	@Test
	void schedulesThatCannotBeReadAreA503SayingWhatToFix() throws Exception {
		InvalidSchedulesException invalid = mock(InvalidSchedulesException.class);
		given(invalid.getMessage()).willReturn("1 problem in fanout.schedules: nightly: unknown job 'factorise'");
		given(this.schedules.overview(3)).willThrow(invalid);

		MvcResult result = this.api.perform(MockMvcRequestBuilders.get("/api/schedules")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentAsString()).contains("unknown job 'factorise'")
			.contains("fix fanout.schedules and start the server again");
	}

}
