package dev.fanout.launch;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.batch.RemotePartitions;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.FanoutProperties;
import dev.fanout.recovery.ProcessIdentity;

/**
 * The launch path shared by the CLI (and later the API and schedules): resolves job names and parameters and starts or
 * restarts executions through the {@link JobOperator}, turning Spring Batch's refusals into messages that say what to
 * do next.
 */
@Component
public class Launcher implements BenchmarkLauncher {

	/** How many run ids a new instance's launch tries when other launches take each one first. */
	private static final int NEW_INSTANCE_ATTEMPTS = 20;

	private final Map<String, Job> jobs;

	private final Map<String, JobDescription<?>> descriptions;

	private final JobRepository jobRepository;

	private final GuardedLaunch guardedLaunch;

	private final ExecutionStates states;

	/** Present only when this process's workers are remote ({@code fanout.workers=remote}). */
	private final ObjectProvider<RemotePartitions> remote;

	/** Where a launch's relative input files are, made absolute in its parameters. */
	private final Path dataDir;

	public Launcher(List<Job> jobs, List<JobDescription<?>> descriptions, JobRepository jobRepository,
			GuardedLaunch guardedLaunch, ExecutionStates states, ObjectProvider<RemotePartitions> remote,
			FanoutProperties fanout) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
		this.descriptions = descriptions.stream()
			.sorted(Comparator.comparing(JobDescription::jobName))
			.collect(Collectors.toMap(JobDescription::jobName, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.jobRepository = jobRepository;
		this.guardedLaunch = guardedLaunch;
		this.states = states;
		this.remote = remote;
		this.dataDir = fanout.dataDir();
	}

	/** Every job's description, by name. */
	public List<JobDescription<?>> descriptions() {
		return List.copyOf(this.descriptions.values());
	}

	/** A job's description; refused as {@link #job} refuses an unknown job. */
	public JobDescription<?> description(String name) {
		job(name);
		return this.descriptions.get(name);
	}

	public Job job(String name) {
		Job job = this.jobs.get(name);
		if (job == null || !this.descriptions.containsKey(name)) {
			String jobs = String.join(", ", this.descriptions.keySet());
			throw CommandFailure.notFound("unknown job '%s'; jobs: %s ('jobs' describes them)".formatted(name, jobs),
					"unknown job '%s'; jobs: %s (GET /api/jobs describes them)".formatted(name, jobs),
					"unknown job '%s'; jobs: %s".formatted(name, jobs));
		}
		return job;
	}

	/**
	 * The job parameters for {@code name=value} arguments, with defaults filled in and input files made absolute
	 * ({@link JobDescription#storedValues}).
	 * @param newInstance add a {@value JobDescription#RUN_ID} that no instance has yet (the next instance id, unless
	 * that is taken)
	 */
	public JobParameters parameters(String jobName, List<String> arguments, boolean newInstance) {
		job(jobName);
		Map<String, String> given = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			if (equals <= 0) {
				throw CommandFailure.usage("'%s' is not a job parameter; write name=value (e.g. threads=2)".formatted(argument));
			}
			String name = argument.substring(0, equals).trim();
			if (given.put(name, argument.substring(equals + 1)) != null) {
				throw CommandFailure.usage("parameter '%s' is given twice".formatted(name));
			}
		}
		return parameters(jobName, given, newInstance);
	}

	/** Like {@link #parameters(String, List, boolean)}, with the parameters given by name (the API's JSON object). */
	public JobParameters parameters(String jobName, Map<String, String> given, boolean newInstance) {
		job(jobName);
		if (given.containsKey(JobDescription.RUN_ID)) {
			String reserved = JobDescription.RUN_ID + " is reserved; %s to start a new instance";
			throw new CommandFailure(CommandFailure.Kind.USAGE, reserved.formatted("use --new"),
					reserved.formatted("send \"newInstance\": true"), reserved.formatted("tick \"new instance\""));
		}
		try {
			JobDescription<?> description = this.descriptions.get(jobName);
			description.checkGiven(given);
			JobParameters parameters = description.toJobParameters(description.storedValues(given, this.dataDir));
			return newInstance ? withRunId(parameters, freeRunId(jobName, parameters, 1)) : parameters;
		}
		catch (InvalidJobParametersException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
	}

	/**
	 * The first {@value JobDescription#RUN_ID} from {@code from} on (at least the next instance id) that no instance of
	 * the job with these parameters has.
	 */
	private long freeRunId(String jobName, JobParameters parameters, long from) {
		long next = nextRunId(jobName, from);
		while (this.jobRepository.getJobInstance(jobName, withRunId(parameters, next)) != null) {
			next++;
		}
		return next;
	}

	/**
	 * The next instance id, or {@code from} if larger: a run id that no instance of the job has, save one that a launch
	 * choosing at the same moment takes first (the claim's check finds that, and {@link #startNew} goes on).
	 */
	private long nextRunId(String jobName, long from) {
		JobInstance last = this.jobRepository.getLastJobInstance(jobName);
		return Math.max(from, (last != null) ? last.getInstanceId() + 1 : 1);
	}

	/** A launch from this process's command line: the system user who runs it, on this host. */
	public static LaunchOrigin commandLine() {
		return LaunchOrigin.commandLine(System.getProperty("user.name", "unknown"), ProcessIdentity.current().host());
	}

	/** The word as a shell reads it back: as it is when it is safe, otherwise single-quoted. */
	public static String shellWord(String word) {
		return NewInstance.shellWord(word);
	}

	private static JobParameters withRunId(JobParameters parameters, long runId) {
		return new JobParametersBuilder(parameters).addString(JobDescription.RUN_ID, Long.toString(runId)).toJobParameters();
	}

	/**
	 * Starts the job, or restarts its FAILED or STOPPED instance with the same parameters; returns when it ends.
	 * {@code notices} hears what was done on the way, such as the automatic recovery of an orphaned execution.
	 */
	public JobExecution start(Job job, JobParameters parameters, LaunchOrigin origin, Consumer<String> notices) {
		checkRemote(job, parameters);
		return this.guardedLaunch.start(job, origin.applyTo(parameters), notices);
	}

	/**
	 * Starts a new instance of the job: these parameters (without a {@value JobDescription#RUN_ID}) plus a run id that
	 * no instance has. Launches of new instances at the same moment, in this process or others, each get their own:
	 * a run id another launch claimed or created first is skipped for the next free one.
	 */
	public JobExecution startNew(Job job, JobParameters parameters, LaunchOrigin origin, Consumer<String> notices) {
		checkRemote(job, parameters);
		Object typed = this.guardedLaunch.parseFirst(job.getName(), parameters);
		// Not looked up first: under its claim, the launch finds a taken one itself (one query fewer per launch).
		long runId = nextRunId(job.getName(), 1);
		for (int attempt = 1;; attempt++) {
			try {
				return this.guardedLaunch.startNew(job, origin.applyTo(withRunId(parameters, runId)), typed);
			}
			catch (GuardedLaunch.InstanceTaken ex) {
				if (attempt == NEW_INSTANCE_ATTEMPTS) {
					throw CommandFailure.conflict(("other launches of %s took %d new instances in a row before this "
							+ "one could start its own; try again").formatted(job.getName(), NEW_INSTANCE_ATTEMPTS));
				}
				runId = freeRunId(job.getName(), parameters, runId + 1);
			}
		}
	}

	/** With remote workers ({@code fanout.workers=remote}), whether the job can send its partitions to them. */
	private void checkRemote(Job job, JobParameters parameters) {
		JobDescription<?> description = this.descriptions.get(job.getName());
		RemotePartitions remotePartitions = this.remote.getIfAvailable();
		if (remotePartitions != null && description != null) {
			remotePartitions.checkLaunch(description, parameters);
		}
	}

	@Override
	public JobExecution runNewInstance(String jobName, List<String> arguments) {
		JobExecution execution = startNew(job(jobName), parameters(jobName, arguments, false), LaunchOrigin.bench(),
				(notice) -> {
				});
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("%s run failed: %s".formatted(jobName,
					execution.getExitStatus().getExitDescription()));
		}
		return execution;
	}

	/**
	 * Restarts a FAILED or STOPPED (or, with automatic recovery, orphaned) execution's instance, if
	 * {@link ExecutionRules} allow it.
	 */
	public JobExecution restart(JobExecution execution, LaunchOrigin origin, Consumer<String> notices) {
		this.states.decide(execution, ExecutionAction.RESTART, false).orRefuse();
		// The state may have changed since: a running execution is refused, or recovered, as a launch's would be.
		this.guardedLaunch.settleRunning(execution, notices);
		return start(job(execution.getJobInstance().getJobName()), execution.getJobParameters(), origin, notices);
	}

}
