package dev.fanout.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubcommandSelectionTests {

	@Test
	void aCommandLineThatNamesACommandGetsThatCommandAlone() {
		assertThat(FanoutCommandLine.subcommands(new String[] { "run", "factorize", "numbers=12" }))
			.containsExactly(RunCommand.class);
		assertThat(FanoutCommandLine.subcommands(
				FanoutCommandLine.withoutSpringProperties(new String[] { "--fanout.data-dir=/srv/fanout", "bench" })))
			.containsExactly(BenchCommand.class);
	}

	@Test
	void usageAnUnknownCommandCompletionAndHelpGetEveryCommand() {
		for (String[] args : new String[][] { {}, { "--help" }, { "lunch" }, { "completion" }, { "help", "run" } }) {
			assertThat(FanoutCommandLine.subcommands(args)).as(String.join(" ", args))
				.isEqualTo(FanoutCommand.SUBCOMMANDS)
				.hasSize(17);
		}
	}

}
