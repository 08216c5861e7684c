package dev.fanout.jobs.chapter;

import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;

/** The {@code chapter} job takes no parameters: its items run on their sample data with their defaults. */
class ChapterJobDescription implements JobDescription {

	@Override
	public String jobName() {
		return ChapterJobConfiguration.JOB;
	}

	@Override
	public String summary() {
		return "Every job of the chapter on its sample data, side by side (openssl, factorize, sensors, images, life); "
				+ "needs FANOUT_OPENSSL_PASSWORD";
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of();
	}

}
