package dev.fanout.jobs.openssl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.DataPaths;
import dev.fanout.core.DurationText;
import dev.fanout.jobs.openssl.chain.ChainResult;
import dev.fanout.jobs.openssl.chain.EncryptHashChain;
import dev.fanout.jobs.openssl.chain.InputSnapshot;
import dev.fanout.jobs.openssl.chain.Manifest;
import dev.fanout.jobs.openssl.chain.OpensslInput;

/**
 * Runs the chains, {@code parallelism} at a time, as a sliding window: each call of {@link #execute} tops the window
 * up, waits until at least one chain ends, records what ends within the commit interval (refilling the window as
 * chains end) and returns, so Spring Batch commits the step's context. The context holds the set of finished
 * inputs: a restart runs only the others (the chains in flight at a crash, and those that ended less than a commit
 * interval before it, run again; their outputs are replaced atomically, never duplicated).
 * <p>
 * Thread confinement: every field is used only by the step's thread ({@code execute}, {@code afterStep}); the chain
 * threads only run {@link EncryptHashChain} and hand back an immutable {@link ChainResult} through the completion
 * service.
 * <p>
 * Stop ({@code stop}, SIGTERM): the step learns it at its next commit, at most a commit interval away; it then ends
 * STOPPED, and {@link #afterStep} destroys the chains in flight, which a restart runs again.
 */
class ChainsTasklet implements Tasklet, StepExecutionListener {

	static final String DONE = "openssl.done";

	private static final Logger logger = LoggerFactory.getLogger(ChainsTasklet.class);

	private final OpensslParameters parameters;

	private final EncryptHashChain chain;

	private final Path dataDir;

	private final Path workDirectory;

	private final Path outputDirectory;

	private final Duration commitInterval;

	private final Map<Future<ChainResult>, OpensslInput> inFlight = new HashMap<>();

	private final Deque<OpensslInput> pending = new ArrayDeque<>();

	private @Nullable List<OpensslInput> inputs;

	private BitSet done = new BitSet();

	/** Inputs whose row was written since the last commit, not yet forced to disk. */
	private final List<Integer> unforced = new ArrayList<>();

	/** Inputs whose chain a signal killed, run once more. */
	private final Set<Integer> requeued = new HashSet<>();

	private @Nullable ExecutorService executor;

	private @Nullable CompletionService<ChainResult> completion;

	ChainsTasklet(OpensslParameters parameters, EncryptHashChain chain, Path dataDir, Path workDirectory,
			Path outputDirectory, Duration commitInterval) {
		this.parameters = parameters;
		this.chain = chain;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
		this.outputDirectory = outputDirectory;
		this.commitInterval = commitInterval;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		if (this.inputs == null) {
			start(step.getExecutionContext());
		}
		topUp();
		if (this.inFlight.isEmpty()) {
			DataPaths.requireInside(this.dataDir, this.outputDirectory);
			Map<ChainResult.Status, Integer> counts = Manifest.write(this.outputDirectory.resolve("manifest.csv"),
					rows(), this.inputs);
			JobOutputs.add(step.getJobExecution(), this.outputDirectory);
			JobOutputs.summarize(step.getJobExecution(), summary(counts, this.parameters.timeout()));
			return RepeatStatus.FINISHED;
		}
		// Record what ends for up to one commit interval, keeping the window full; then return, and Spring Batch
		// commits. Committing after every chain would spend a core on the repository that the chains need. Return
		// even when no chain ended (long chains): the commit is where the step learns that its job is stopping.
		long deadline = System.nanoTime() + this.commitInterval.toNanos();
		Future<ChainResult> finished = this.completion.poll(this.commitInterval.toNanos(), TimeUnit.NANOSECONDS);
		while (finished != null) {
			record(finished, contribution);
			topUp();
			long left = deadline - System.nanoTime();
			finished = (left > 0 && !this.inFlight.isEmpty()) ? this.completion.poll(left, TimeUnit.NANOSECONDS) : null;
		}
		// The rows first, then the commit that counts their inputs done: one flush of the disk per commit, where
		// forcing each row as it is written was one per chain (~1.5 ms each, on the step's thread between chains).
		Manifest.force(rows(), this.unforced);
		this.unforced.clear();
		step.getExecutionContext().putString(DONE, Base64.getEncoder().encodeToString(this.done.toByteArray()));
		return RepeatStatus.CONTINUABLE;
	}

	private void topUp() {
		while (this.inFlight.size() < this.parameters.parallelism() && !this.pending.isEmpty()) {
			submit(this.pending.poll());
		}
	}

	private void start(ExecutionContext context) throws IOException {
		this.inputs = InputSnapshot.loadOrCreate(this.parameters.listed(), this.parameters.source(), this.parameters.count(),
				this.parameters.size(), this.dataDir, this.workDirectory);
		this.done = BitSet.valueOf(Base64.getDecoder().decode(context.getString(DONE, "")));
		this.inputs.stream().filter((input) -> !this.done.get(input.index())).forEach(this.pending::add);
		this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("openssl-chain-", 0).factory());
		this.completion = new ExecutorCompletionService<>(this.executor);
		logger.info("{} inputs, {} already done, parallelism {}", this.inputs.size(), this.done.cardinality(),
				this.parameters.parallelism());
	}

	/** Checks the output directory before each chain: a link put in place during the run is refused, not followed. */
	private void submit(OpensslInput input) {
		DataPaths.requireInside(this.dataDir, this.outputDirectory);
		Path cipher = this.outputDirectory.resolve(input.name() + ".enc");
		Path digest = this.outputDirectory.resolve(input.name() + "." + this.parameters.digest());
		Future<ChainResult> future = this.completion.submit(() -> {
			InputSnapshot.ensurePayload(input);
			return this.chain.run(input.name(), input.path(), cipher, digest, this.parameters.timeout());
		});
		this.inFlight.put(future, input);
	}

	private void record(Future<ChainResult> finished, StepContribution contribution) throws Exception {
		OpensslInput input = this.inFlight.remove(finished);
		ChainResult result;
		try {
			result = finished.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("chain for %s failed: %s".formatted(input.name(), ex.getCause().getMessage()),
					ex.getCause());
		}
		if (result.status() == ChainResult.Status.FAILED && killedBySignal(result) && this.requeued.add(input.index())) {
			// Ctrl-C on a terminal reaches the chains' processes too (same process group) as the job is being
			// stopped: run the chain again rather than fail; the stop ends the step at its next commit.
			logger.warn("Chain for {} was killed by a signal; running it again", input.name());
			this.pending.addFirst(input);
			return;
		}
		contribution.incrementReadCount();
		switch (result.status()) {
			case OK -> contribution.incrementWriteCount(1);
			case TIMED_OUT -> {
				if (!this.parameters.skipTimeouts()) {
					throw new ChainFailedException(input, result);
				}
				logger.warn("Skipped {}: {}", input.name(), result.problem());
				contribution.incrementProcessSkipCount();
			}
			case FAILED -> throw new ChainFailedException(input, result);
		}
		Manifest.writeRow(rows(), input.index(), result, this.parameters.digest());
		this.unforced.add(input.index());
		this.done.set(input.index());
	}

	/**
	 * What {@code run}, {@code show} and the chapter say of a completed run: {@code 5 encrypted}, or
	 * {@code 1 encrypted, 4 skipped (timeout 1ms)} when chains timed out with {@code onTimeout=skip}.
	 */
	static String summary(Map<ChainResult.Status, Integer> counts, Duration timeout) {
		String summary = counts.getOrDefault(ChainResult.Status.OK, 0) + " encrypted";
		int skipped = counts.getOrDefault(ChainResult.Status.TIMED_OUT, 0);
		return (skipped == 0) ? summary
				: "%s, %d skipped (timeout %s)".formatted(summary, skipped, DurationText.format(timeout));
	}

	/** SIGINT or SIGTERM ended a process of the chain (exit code 128 + the signal's number). */
	private static boolean killedBySignal(ChainResult result) {
		return result.exitCodes().contains(130) || result.exitCodes().contains(143);
	}

	private Path rows() {
		return this.workDirectory.resolve("rows");
	}

	/** Ends the chains still running when the step ends early (failure, stop): their processes are destroyed. */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.executor != null) {
			this.inFlight.keySet().forEach((future) -> future.cancel(true));
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return null;
	}

	/** A chain that failed, or timed out with {@code onTimeout=fail}: the step fails with the chain's problem. */
	static class ChainFailedException extends RuntimeException {

		ChainFailedException(OpensslInput input, ChainResult result) {
			super("chain for %s: %s (exit codes %s)".formatted(input.name(), result.problem(), result.exitCodes()));
		}

	}

}
