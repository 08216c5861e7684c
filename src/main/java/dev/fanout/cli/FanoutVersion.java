package dev.fanout.cli;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.SpringBootVersion;

import picocli.CommandLine.IVersionProvider;

class FanoutVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = FanoutVersion.class.getPackage().getImplementationVersion();
		return new String[] { "fanout " + ((version != null) ? version : "(development build)"),
				"Spring Boot " + SpringBootVersion.getVersion() + ", Spring Batch "
						+ Job.class.getPackage().getImplementationVersion() + ", Java " + Runtime.version() };
	}

}
