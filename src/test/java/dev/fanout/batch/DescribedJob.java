package dev.fanout.batch;

import java.util.List;

/**
 * A test's job description: a name, a summary and parameters, parsed to the values as given. Open, so that a test
 * overrides what its job does differently (its pictures, whether it runs on workers...).
 */
public class DescribedJob implements JobDescription<ParameterValues> {

	private final String name;

	private final String summary;

	private final List<JobParameterDescription> parameters;

	public DescribedJob(String name, String summary, JobParameterDescription... parameters) {
		this.name = name;
		this.summary = summary;
		this.parameters = List.of(parameters);
	}

	@Override
	public String jobName() {
		return this.name;
	}

	@Override
	public String summary() {
		return this.summary;
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return this.parameters;
	}

	@Override
	public ParameterValues parse(ParameterValues values) {
		return values;
	}

}
