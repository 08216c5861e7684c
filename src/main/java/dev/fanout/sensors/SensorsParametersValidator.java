package dev.fanout.sensors;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/** Rejects a launch before it starts when a parameter is unknown or its value is wrong, with one clear message. */
class SensorsParametersValidator implements JobParametersValidator {

	private final SensorsJobDescription description;

	SensorsParametersValidator(SensorsJobDescription description) {
		this.description = description;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		this.description.checkNames(parameters);
		try {
			SensorsParameters.from(parameters);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
	}

}
