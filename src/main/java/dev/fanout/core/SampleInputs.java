package dev.fanout.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Gives a data directory that Fanout starts on for the first time (absent, or empty) the sample inputs that the jobs'
 * defaults read, as the source tree's {@code data/} has them ({@code factorize/numbers.txt}, {@code images/in/},
 * {@code life/}, {@code openssl/in/}; the build puts them in the jar under {@code fanout/samples/}), so that
 * {@code fanout run factorize} works wherever Fanout is started, and in a directory that a service manager created
 * empty. A directory with anything in it but the log folder is the operator's and is left alone. Each file is
 * written whole (a temporary file, then renamed), so a start killed half-way leaves whole files, and two starts at once
 * write the same bytes. A directory that cannot be written is left to the commands, which say so when they need it.
 * Runs before logging starts: what it did is logged once logging runs. {@code history} and {@code show}, which start
 * no application, do not run it.
 */
public class SampleInputs implements EnvironmentPostProcessor, Ordered {

	static final String LOCATION = "fanout/samples/";

	private static final String LOGS = "logs";

	private final Log log;

	public SampleInputs(DeferredLogFactory logs) {
		this.log = logs.getLog(SampleInputs.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path dataDir = Path.of(DataDirectoryEnvironmentPostProcessor.configured(environment))
			.toAbsolutePath()
			.normalize();
		try {
			if (isNew(dataDir)) {
				List<Path> written = write(dataDir, new PathMatchingResourcePatternResolver(getClass().getClassLoader()));
				this.log.info("new data directory %s: wrote the sample inputs of the jobs' defaults (%d files)"
					.formatted(dataDir, written.size()));
			}
		}
		catch (IOException | RuntimeException ex) {
			this.log.warn("new data directory %s: could not write the sample inputs (%s)".formatted(dataDir, ex));
		}
	}

	/**
	 * Absent, or a directory with nothing in it but the log folder: {@code history} and {@code show} write their log
	 * there, and a first {@code history} must not keep the samples from the first {@code run}.
	 */
	static boolean isNew(Path dataDir) throws IOException {
		if (!Files.exists(dataDir)) {
			return true;
		}
		if (!Files.isDirectory(dataDir)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(dataDir)) {
			return entries.allMatch((entry) -> entry.getFileName().toString().equals(LOGS));
		}
	}

	/** Writes every sample the resolver finds under {@link #LOCATION}; the files written, as paths in the directory. */
	static List<Path> write(Path dataDir, PathMatchingResourcePatternResolver resolver) throws IOException {
		List<Path> written = new ArrayList<>();
		for (Resource sample : resolver.getResources("classpath*:" + LOCATION + "**")) {
			String url = sample.getURL().toString();
			if (url.endsWith("/") || !sample.isReadable()) {
				continue; // a directory's entry
			}
			Path target = dataDir.resolve(url.substring(url.lastIndexOf("/" + LOCATION) + LOCATION.length() + 1))
				.normalize();
			if (!target.startsWith(dataDir) || Files.exists(target)) {
				continue;
			}
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".sample-", ".tmp");
			try (InputStream in = sample.getInputStream()) {
				Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			written.add(dataDir.relativize(target));
		}
		return written;
	}

	@Override
	public int getOrder() {
		// After config data (application.yml, config/application.yml), which may set the data directory.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
