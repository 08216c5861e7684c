package dev.fanout.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a launch stores of its parameters (the identity of its instance), and the names it refuses. */
class JobDescriptionTests {

	private static final Path DATA = Path.of("/srv/fanout/data");

	private static final JobDescription<ParameterValues> JOB = new DescribedJob("reads", "reads a file",
			new JobParameterDescription("values", null, "inline values, instead of file="),
			new JobParameterDescription("file", "in/default.txt", "the input", "values").asInputFile(),
			new JobParameterDescription("label", "in/label.txt", "not a file"));

	/**
	 * The default, and a relative file given over the network, name the data directory's file: stored relative, one
	 * path named a file in every data directory sharing the repository, and the second launch found the first's
	 * instance completed.
	 */
	@Test
	void anInputFileIsStoredAsTheAbsolutePathOfTheFileInTheDataDirectory() {
		assertThat(JOB.storedValues(Map.of(), DATA))
			.containsExactly(Map.entry("file", "/srv/fanout/data/in/default.txt"), Map.entry("label", "in/label.txt"));
		assertThat(JOB.storedValues(Map.of("file", "./in/../numbers.txt"), DATA))
			.containsEntry("file", "/srv/fanout/data/numbers.txt");
	}

	@Test
	void anAbsoluteFileIsOnlyNormalizedAndAFileNotUsedIsNotAdded() {
		assertThat(JOB.storedValues(Map.of("file", "/tmp/x/../numbers.txt"), DATA))
			.containsEntry("file", "/tmp/numbers.txt");
		assertThat(JOB.storedValues(Map.of("values", "1,2"), DATA)).doesNotContainKey("file");
		assertThat(JOB.storedValues(Map.of("file", ""), DATA)).as("refused by the job's parse, as given")
			.containsEntry("file", "");
	}

	@Test
	void anUnknownNameIsRefusedNamingTheParametersTheJobTakes() {
		assertThatThrownBy(() -> JOB.checkNames(new JobParametersBuilder().addString("colour", "red").toJobParameters()))
			.isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("unknown parameter colour for job 'reads'; it takes: values, file, label");
	}

	/** A job without parameters said "it takes: " and nothing after it. */
	@Test
	void anUnknownNameForAJobWithoutParametersSaysItTakesNone() {
		JobDescription<ParameterValues> none = new DescribedJob("all", "runs everything");
		assertThatThrownBy(() -> none.checkNames(new JobParametersBuilder().addString("threads", "2").toJobParameters()))
			.isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("unknown parameter threads for job 'all', which takes no parameters; leave them out");
	}

}
