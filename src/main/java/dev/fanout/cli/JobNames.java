package dev.fanout.cli;

import java.util.Iterator;

import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;
import dev.fanout.launch.Launcher;

/** The jobs' names, in the order {@code jobs} lists them: what the completion script offers after {@code run}. */
@Component
class JobNames implements Iterable<String> {

	private final Launcher launcher;

	JobNames(Launcher launcher) {
		this.launcher = launcher;
	}

	@Override
	public Iterator<String> iterator() {
		return this.launcher.descriptions().stream().map(JobDescription::jobName).iterator();
	}

}
