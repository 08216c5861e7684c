package dev.fanout.life;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Rejects a launch before it starts: unknown or malformed parameters, a missing or malformed pattern, a pattern
 * larger than the grid, a grid too large for the heap.
 */
class LifeParametersValidator implements JobParametersValidator {

	private final LifeJobDescription description;

	private final Path dataDir;

	LifeParametersValidator(LifeJobDescription description, Path dataDir) {
		this.description = description;
		this.dataDir = dataDir;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		this.description.checkNames(parameters);
		try {
			LifeSetup.of(LifeParameters.from(parameters, this.dataDir));
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
	}

}
