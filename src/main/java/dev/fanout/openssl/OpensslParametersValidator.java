package dev.fanout.openssl;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Rejects a launch before it starts when something is wrong: parameters, an empty or missing source directory, a
 * missing openssl binary, an unknown cipher or digest, or no password.
 */
class OpensslParametersValidator implements JobParametersValidator {

	private final OpensslJobDescription description;

	private final OpensslProperties properties;

	private final Path dataDir;

	OpensslParametersValidator(OpensslJobDescription description, OpensslProperties properties, Path dataDir) {
		this.description = description;
		this.properties = properties;
		this.dataDir = dataDir;
	}

	@Override
	public void validate(JobParameters jobParameters) throws InvalidJobParametersException {
		this.description.checkNames(jobParameters);
		try {
			OpensslParameters parameters = OpensslParameters.from(jobParameters, this.dataDir);
			if (parameters.source() != null) {
				InputSnapshot.listSource(parameters.source());
			}
			OpensslTool.probe(this.properties.binary(), parameters.cipher(), parameters.digest());
			SecretSource.resolve(this.properties, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidJobParametersException("cannot list the source directory: " + ex.getMessage());
		}
	}

}
