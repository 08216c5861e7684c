package dev.fanout.jobs.sensors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step of every sensor partition: a chunk step whose chunk size suits the execution's read latency
 * ({@link SensorsProperties#chunkSize(java.time.Duration)}). Spring Batch fixes a chunk step's size when the step is
 * built, and a chunk of 1000 readings of 100 ms would commit (and show progress) once in 100 s; so this step keeps
 * one chunk step per size in use and hands each partition to the one its execution needs. Partitions in this JVM
 * and on remote workers both find it under the worker step's name.
 * <p>
 * Thread safety: the partitions of one or several executions run concurrently through one instance. The chunk steps
 * are kept in a {@link ConcurrentHashMap} ({@code computeIfAbsent} makes each size once); a chunk step itself runs
 * concurrent partitions as Spring Batch's partitioned workers always do, with step-scoped readers and writers.
 */
final class SensorsWorkerStep implements Step {

	private final String name;

	/** The chunk size an execution needs. */
	private final ToIntFunction<StepExecution> chunkSize;

	/** Makes a ready chunk step of a size. */
	private final IntFunction<Step> chunkStep;

	private final Map<Integer, Step> chunkSteps = new ConcurrentHashMap<>();

	SensorsWorkerStep(String name, ToIntFunction<StepExecution> chunkSize, IntFunction<Step> chunkStep) {
		this.name = name;
		this.chunkSize = chunkSize;
		this.chunkStep = chunkStep;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		this.chunkSteps.computeIfAbsent(this.chunkSize.applyAsInt(stepExecution), this.chunkStep::apply)
			.execute(stepExecution);
	}

}
