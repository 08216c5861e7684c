package dev.fanout.jobs.chapter;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.OrphanedExecutions;
import dev.fanout.batch.ReadableFailures;

/**
 * The {@code chapter} job: the chapter's items as the steps of one job, each a job step that runs one of Fanout's jobs
 * on its sample data. They do not depend on each other, so they run side by side (a split); a last step sums up.
 */
@Configuration(proxyBeanMethods = false)
class ChapterJobConfiguration {

	static final String JOB = "chapter";

	@Bean
	Job chapterJob(JobRepository jobRepository, JobOperator jobOperator, PlatformTransactionManager transactionManager,
			ChapterItems items, ChapterJobDescription chapterJobDescription, OrphanedExecutions orphans) throws Exception {
		List<Flow> flows = new ArrayList<>();
		for (Job item : items.jobs()) {
			flows.add(initialized(new FlowBuilder<Flow>(JOB + "-" + item.getName())
				.start(itemStep(item, items, jobRepository, jobOperator, orphans))
				.build()));
		}
		Flow split = initialized(new FlowBuilder<Flow>(JOB + "-items").split(itemsExecutor())
			.add(flows.toArray(Flow[]::new))
			.build());
		Step summary = new StepBuilder("chapterSummary", jobRepository)
			.tasklet(new ChapterSummary(items, jobRepository), transactionManager)
			.build();
		return new JobBuilder(JOB, jobRepository)
			.validator(chapterJobDescription.validator())
			.listener(new ReadableFailures())
			.listener(new ItemParameters(items, jobRepository))
			.start(split)
			.next(summary)
			.end()
			.build();
	}

	@Bean
	ChapterItems chapterItems(Job opensslJob, Job factorizeJob, Job sensorsJob, Job imagesJob, Job lifeJob,
			List<JobDescription<?>> descriptions) {
		return new ChapterItems(List.of(opensslJob, factorizeJob, sensorsJob, imagesJob, lifeJob), descriptions);
	}

	/**
	 * The split's executor: a new platform thread for each item of each execution, without a concurrency limit. The
	 * job is a singleton, so this one executor serves every execution of it that runs at once ({@code serve} runs
	 * several): a limit of one execution's items (as it had) let the first execution's items take every slot, and the
	 * second execution's thread then waited inside the split, its items not started and a stop of it unseen, until the
	 * first's items ended one by one. Each execution starts exactly one task per item, so no limit is needed.
	 */
	static TaskExecutor itemsExecutor() {
		return new SimpleAsyncTaskExecutor(JOB + "-");
	}

	/** Job steps do not pass a stop on to the job they run: the chapter's stop reaches its items through this. */
	@Bean
	RunningItems chapterRunningItems(ChapterItems chapterItems, JobRepository jobRepository) {
		return new RunningItems(chapterItems, jobRepository);
	}

	/**
	 * A flow whose states are known before it first runs, so that the job can list its steps (for progress). Flows
	 * that are not beans are otherwise initialized only when they start.
	 */
	private static Flow initialized(Flow flow) throws Exception {
		if (flow instanceof SimpleFlow simple) {
			simple.afterPropertiesSet();
		}
		return flow;
	}

	/** A job step named after the item (e.g. {@code chapterOpenssl}) that runs its job and waits for it. */
	private static Step itemStep(Job item, ChapterItems items, JobRepository jobRepository, JobOperator jobOperator,
			OrphanedExecutions orphans) throws Exception {
		ItemStep step = new ItemStep(item, items, jobRepository, jobOperator);
		step.registerStepExecutionListener(new ItemExecutions(items, jobRepository, orphans));
		step.afterPropertiesSet();
		return step;
	}

	@Bean
	ChapterJobDescription chapterJobDescription(ObjectProvider<ChapterItems> chapterItems) {
		return new ChapterJobDescription(chapterItems);
	}

}
