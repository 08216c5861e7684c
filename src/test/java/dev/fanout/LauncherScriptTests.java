package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast launcher {@code src/main/sh/fanout} (copied to {@code target/fanout}) chooses the JIT per command: the
 * commands that run jobs keep the full JIT, the read commands start on C1; each build runs from a directory of its own.
 * A stand-in {@code java} records how it was called (and "extracts" a jar), so no JVM starts.
 */
class LauncherScriptTests {

	private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	@ParameterizedTest
	@ValueSource(strings = { "run", "restart", "bench", "serve", "worker" })
	void commandsThatRunJobsKeepTheFullJit(String command) throws Exception {
		assertThat(launch(command)).doesNotContain(C1_ONLY).contains("-jar", command);
	}

	@ParameterizedTest
	@ValueSource(strings = { "history", "jobs", "show", "stop" })
	void readCommandsStartOnC1(String command) throws Exception {
		assertThat(launch(command)).contains(C1_ONLY, "-jar", command);
	}

	@ParameterizedTest
	@ValueSource(strings = { "history", "show", "repository", "--version", "-V" })
	void historyShowRepositoryAndVersionStartWithACacheTrainedOnAHistory(String command) throws Exception {
		String test = "reads-" + command;
		List<List<String>> calls = calls(test, "--fanout.data-dir=/tmp/x", command);

		assertThat(calls.get(calls.size() - 1)).as("the command, after a Spring property")
			.contains(C1_ONLY, "-XX:AOTCache=" + app(test) + "/fanout-reads.aot", command);
		assertThat(calls).as("its training run")
			.anySatisfy((call) -> assertThat(call).contains(C1_ONLY,
					"-XX:AOTCacheOutput=" + app(test) + "/fanout-reads.aot.partial", "history"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jobs", "run" })
	void otherCommandsStartWithACacheTrainedOnARun(String command) throws Exception {
		String test = "app-" + command;
		List<List<String>> calls = calls(test, command);

		assertThat(calls.get(calls.size() - 1)).contains("-XX:AOTCache=" + app(test) + "/fanout.aot");
		// On C1 even for a command on the full JIT: no method profiles that would have C2 compile them at start.
		assertThat(calls).as("its training run").anySatisfy((call) -> assertThat(call)
			.contains(C1_ONLY, "-XX:AOTCacheOutput=" + app(test) + "/fanout.aot.partial", "run", "factorize"));
	}

	@Test
	void trainingRunsWithFanoutsDefaultsAndTheCommandWithTheOperatorsSettings() throws Exception {
		List<List<String>> calls = calls("training-defaults", Map.of("SPRING_PROFILES_ACTIVE", "postgres"), "run");
		String here = "cwd=" + Path.of("").toAbsolutePath();

		List<List<String>> training = calls.stream()
			.filter((call) -> call.stream().anyMatch((arg) -> arg.startsWith("-XX:AOTCacheOutput=")))
			.toList();
		assertThat(training).isNotEmpty()
			.allSatisfy((call) -> assertThat(call).as("neither the operator's database nor their ./config")
				.contains("profile=none")
				.doesNotContain(here));
		assertThat(calls.get(calls.size() - 1)).contains("profile=postgres", here);
	}

	/**
	 * Another command that starts while a cache is being built does not wait for the build (it looks for the cache
	 * without the lock): a half-written cache where it looks had the JVM print five lines of errors (seen with two
	 * workers and a {@code workers} started at once after a build). The training writes beside it, the cache appears
	 * whole.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jobs", "history" })
	void aCacheIsWrittenBesideWhereCommandsLookForItAndMovedThereWhole(String command) throws Exception {
		String test = "whole-" + command;
		List<List<String>> calls = calls(test, command);
		String cache = calls.get(calls.size() - 1)
			.stream()
			.filter((arg) -> arg.startsWith("-XX:AOTCache="))
			.findFirst()
			.orElseThrow()
			.substring("-XX:AOTCache=".length());

		assertThat(Files.readAllLines(root(test).resolve("written-by-training"))).as("files a training run wrote")
			.isNotEmpty()
			.doesNotContain(cache);
		assertThat(Path.of(cache)).as("the cache, once built").exists();
		try (Stream<Path> files = Files.list(app(test))) {
			assertThat(files.map(Path::toString)).as("nothing left half-written").noneMatch((f) -> f.endsWith(".partial"));
		}
	}

	@Test
	void sayWhichCommandsTheCacheItBuildsIsFor() throws Exception {
		assertThat(output("says-reads", "history")).contains(
				"fanout: building this build's start-up cache for history, show, repository and --version (once per "
						+ "build");
		assertThat(output("says-others", "jobs")).contains(
				"fanout: building this build's start-up cache for every command but history, show, repository and "
						+ "--version");
	}

	@Test
	void aNewBuildLeavesTheFilesOfAnEarlierBuildThatStillRunsInPlace() throws Exception {
		String test = "builds";
		calls(test, "jobs");
		Path first = app(test);
		// A process of the first build, as a repository server in its idle minute is: its command line names its jar
		// (sleep is not the script's last command, so the shell does not exec it, taking that command line away).
		Process running = new ProcessBuilder("sh", "-c", "sleep 600; :", first.resolve("fanout.jar").toString())
			.start();
		try {
			rebuild(test);
			calls(test, "jobs");
			assertThat(first.resolve("fanout.jar")).as("the running build's jar").exists();
			assertThat(builds(test)).hasSize(2);
		}
		finally {
			// Its sleep first: once the shell is gone, the sleep is init's child and ran on for its 10 minutes.
			running.descendants().forEach(ProcessHandle::destroy);
			running.destroy();
			running.waitFor();
		}

		rebuild(test);
		calls(test, "jobs");
		assertThat(builds(test)).as("only the new build, once no process uses the others").hasSize(1);
		assertThat(first).doesNotExist();
	}

	/** The arguments of the launcher's last call to java: the command's own JVM. */
	private static List<String> launch(String command) throws IOException, InterruptedException {
		List<List<String>> calls = calls(command, command);
		return calls.get(calls.size() - 1);
	}

	/** The directory the launcher extracted the jar into: the test's only build. */
	private static Path app(String test) throws IOException {
		List<Path> builds = builds(test);
		assertThat(builds).as("extracted builds").hasSize(1);
		return builds.get(0);
	}

	private static List<Path> builds(String test) throws IOException {
		try (Stream<Path> builds = Files.list(root(test).resolve("target/fanout-builds"))) {
			return builds.toList();
		}
	}

	/** A new jar in place of the test's: another size and modification time. */
	private static void rebuild(String test) throws IOException {
		Path jar = root(test).resolve("target/fanout.jar");
		Files.writeString(jar, Files.readString(jar) + "x");
		Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(1)));
	}

	/**
	 * The arguments of each of the launcher's calls to java, in order: extracting the jar, training runs, the command.
	 * The stand-in java writes the cache a training run asks for.
	 */
	private static List<List<String>> calls(String test, String... args) throws IOException, InterruptedException {
		return calls(test, Map.of(), args);
	}

	private static List<List<String>> calls(String test, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		run(test, environment, ProcessBuilder.Redirect.DISCARD, args);
		return Files.readAllLines(root(test).resolve("calls"))
			.stream()
			.map((line) -> List.of(line.split(" ")))
			.toList();
	}

	/** What the launcher itself prints (the stand-in java prints nothing). */
	private static String output(String test, String... args) throws IOException, InterruptedException {
		Path output = Files.createDirectories(Path.of("target/test-data"))
			.resolve("LauncherScriptTests-" + test + ".out");
		run(test, Map.of(), ProcessBuilder.Redirect.to(output.toFile()), args);
		return Files.readString(output);
	}

	private static Path root(String test) {
		return TestDataDirectories.fresh("LauncherScriptTests-" + test);
	}

	private static void run(String test, Map<String, String> environment, ProcessBuilder.Redirect output,
			String... args) throws IOException, InterruptedException {
		Path root = root(test);
		Path target = Files.createDirectories(root.resolve("target"));
		Files.copy(Path.of("src/main/sh/fanout"), target.resolve("fanout"), StandardCopyOption.REPLACE_EXISTING);
		if (!Files.exists(target.resolve("fanout.jar"))) {
			Files.writeString(target.resolve("fanout.jar"), "");
		}
		Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
		Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
		Path calls = root.resolve("calls");
		Path java = jdk.resolve("java");
		Files.writeString(java, """
				#!/bin/sh
				echo "$* profile=${SPRING_PROFILES_ACTIVE:-none} cwd=$(pwd)" >> '%s'
				previous=""
				for arg in "$@"; do
					case "$arg" in
						-XX:AOTCacheOutput=*) mkdir -p "$(dirname "${arg#*=}")"; : > "${arg#*=}"
							echo "${arg#*=}" >> '%s' ;;
					esac
					if [ "$previous" = --destination ]; then mkdir -p "$arg"; : > "$arg/fanout.jar"; fi
					previous=$arg
				done
				""".formatted(calls, root.resolve("written-by-training")));
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

		List<String> command = new ArrayList<>(List.of("sh", target.resolve("fanout").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.redirectOutput(output);
		builder.environment().put("FANOUT_JAVA", java.toString());
		builder.environment().remove("FANOUT_JIT");
		builder.environment().putAll(environment);
		assertThat(builder.start().waitFor()).isZero();
	}

}
