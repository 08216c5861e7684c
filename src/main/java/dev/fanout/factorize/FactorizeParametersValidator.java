package dev.fanout.factorize;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Rejects a launch before it starts when a parameter or the input is wrong: unknown names, bad thread counts or
 * algorithms, and every malformed number, with its line. Runs for every launch path (CLI, API, tests).
 */
class FactorizeParametersValidator implements JobParametersValidator {

	private final FactorizeJobDescription description;

	private final Path dataDir;

	FactorizeParametersValidator(FactorizeJobDescription description, Path dataDir) {
		this.description = description;
		this.dataDir = dataDir;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		this.description.checkNames(parameters);
		try {
			FactorizeParameters.from(parameters, this.dataDir).readNumbers(this.dataDir);
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
	}

}
