package dev.fanout.jobs.chapter;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;

/**
 * The {@code chapter} job takes no parameters: its items run on their sample data with their defaults. A launch of
 * the chapter is refused when one of its items would be ({@link ChapterItems#check}).
 */
class ChapterJobDescription implements JobDescription<ChapterJobDescription.None> {

	/** The chapter's typed parameters: none. */
	record None() {
	}

	/** Looked up when a launch is checked: the items need every job's description, this one included. */
	private final ObjectProvider<ChapterItems> items;

	ChapterJobDescription(ObjectProvider<ChapterItems> items) {
		this.items = items;
	}

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

	@Override
	public None parse(ParameterValues values) {
		return new None();
	}

	@Override
	public None prepare(None parameters, LaunchKind kind) {
		this.items.getObject().check(kind);
		return parameters;
	}

}
