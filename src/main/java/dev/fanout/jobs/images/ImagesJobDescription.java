package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;
import dev.fanout.batch.ProgressMeasure;

/**
 * The {@code images} job's parameters, as {@code jobs} lists them, with their defaults, and their parse and checks. A
 * first launch lists the source (refusing a missing or empty one, a malformed URL list); a restart processes the list
 * its first execution saved, so it does not look at the source again.
 */
class ImagesJobDescription implements JobDescription<ImagesParameters> {

	private final Path dataDir;

	ImagesJobDescription(Path dataDir) {
		this.dataDir = dataDir;
	}

	@Override
	public String jobName() {
		return ImagesJobConfiguration.JOB;
	}

	@Override
	public String summary() {
		return "Download -> resize -> upload pipeline as a multi-threaded chunk step (the book's item 55)";
	}

	/** Images through the pipeline (uploaded, or failed and skipped), out of those the source lists. */
	@Override
	public ProgressMeasure progress() {
		return ProgressMeasure.items("images", ImagesJobConfiguration.PIPELINE_STEP, (attempts) -> attempts
			.contextLong(ImagesJobConfiguration.PIPELINE_STEP, PipelineReader.TOTAL, 0));
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("source", ImagesParameters.DEFAULT_SOURCE,
						"directory of JPEG/PNG images, or a text file of http(s) image URLs; a relative path is in the data "
								+ "directory (from the command line: the working directory first); stored absolute")
					.asInputFile(),
				new JobParameterDescription("target", null,
						"gallery: a directory (default out/gallery/instance-<id>) or an http(s) endpoint"),
				new JobParameterDescription("upload", "put",
						"for an http target: put (PUT <target>/<name>) or post (multipart POST to <target>)")
					.withChoices("put", "post"),
				new JobParameterDescription("maxWidth", "320", "fit within this width, keeping the aspect ratio"),
				new JobParameterDescription("maxHeight", "240", "fit within this height (images are never enlarged)"),
				new JobParameterDescription("quality", "0.85", "JPEG quality, above 0 and at most 1"),
				new JobParameterDescription("downloadThreads", "3", "downloads at once, 1-" + ImagesParameters.MAX_THREADS),
				new JobParameterDescription("resizeThreads", "4", "resizes at once, 1-" + ImagesParameters.MAX_THREADS),
				new JobParameterDescription("uploadThreads", "5", "uploads at once, 1-" + ImagesParameters.MAX_THREADS),
				new JobParameterDescription("downloadLatency", "0",
						"least time per download, its work included (e.g. 10ms: a model of slow work)"),
				new JobParameterDescription("resizeLatency", "0", "least time per resize, likewise"),
				new JobParameterDescription("uploadLatency", "0", "least time per upload, likewise"),
				new JobParameterDescription(OnExhausted.PARAMETER, null,
						"fail (default) or skip: an image whose download retries ran out fails the job, or is skipped "
								+ "and reported; not given: the setting " + OnExhausted.SETTING + " (default fail)")
					.withChoices("fail", "skip"));
	}

	@Override
	public ImagesParameters parse(ParameterValues values) {
		return ImagesParameters.parse(values, this.dataDir);
	}

	@Override
	public ImagesParameters prepare(ImagesParameters parameters, LaunchKind kind) throws IOException {
		parameters.checkTarget(this.dataDir);
		return (kind == LaunchKind.FIRST) ? parameters.withSources(this.dataDir) : parameters;
	}

}
