package dev.fanout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fanout.core.ExitCodes;

/**
 * One bad input of {@link BadInputCatalogueTests}, and the small builders its cases are written with. Each job keeps
 * its cases beside its tests and its kill scenario ({@code dev.fanout.jobs.<job>.<Job>BadInputs}); the cases that are about
 * no single job are in the catalogue itself.
 * @param args the command line, e.g. {@code run factorize threads=0}
 * @param setup files (or links) to put into the data directory first
 * @param settings {@code --name=value} settings of the application (a missing tool, no password)
 * @param exitCode the expected exit code
 * @param message a phrase the error must contain; {@code {data}} stands for the data directory, {@code {outside}} for
 * the folder {@link #outside}
 */
public record BadInput(String name, List<String> args, Setup setup, List<String> settings, int exitCode, String message) {

	/** Settings that make the openssl password missing, whatever the environment of the build. */
	public static final List<String> NO_PASSWORD = List.of("--fanout.openssl.password-env=FANOUT_CATALOGUE_UNSET_PASSWORD");

	@Override
	public String toString() {
		return this.name;
	}

	/** The job the case is about (its name starts with the job's), or "" for launch cases. */
	public String job() {
		return (this.args.size() > 1 && this.name.startsWith(this.args.get(1) + " ")) ? this.args.get(1) : "";
	}

	public BadInput withFile(String path, String content) {
		return new BadInput(this.name, this.args, (data) -> {
			this.setup.prepare(data);
			Path file = data.resolve(path);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}, this.settings, this.exitCode, this.message);
	}

	public BadInput withSetup(Setup more) {
		return new BadInput(this.name, this.args, (data) -> {
			this.setup.prepare(data);
			more.prepare(data);
		}, this.settings, this.exitCode, this.message);
	}

	public BadInput withSettings(List<String> settings) {
		return new BadInput(this.name, this.args, this.setup, settings, this.exitCode, this.message);
	}

	@FunctionalInterface
	public interface Setup {

		void prepare(Path data) throws IOException;

	}

	/**
	 * A folder outside the data directory for links to point to: the test checks that it stays empty, so nothing was
	 * written through a link.
	 */
	public static Path outside(Path data) throws IOException {
		return Files.createDirectories(data.resolveSibling(data.getFileName() + "-outside"));
	}

	/** Links {@code path} (in the data directory) to the folder {@link #outside}. */
	public static Setup linkOutside(String path) {
		return (data) -> {
			Path link = data.resolve(path);
			Files.createDirectories(link.getParent());
			Files.createSymbolicLink(link, outside(data));
		};
	}

	/**
	 * Settings of its own, so the case gets a fresh data directory (one context per distinct settings) in which its run
	 * is instance 1, whatever the other cases ran: for links at {@code out/<job>/instance-1}.
	 */
	public static List<String> ownDataDirectory(String name, List<String> settings) {
		List<String> own = new ArrayList<>(settings);
		own.add("--fanout.catalogue-case=" + name);
		return own;
	}

	/** A bad launch, refused before anything runs: exit code 2 ({@link ExitCodes#USAGE}). */
	public static BadInput refused(String name, String command, String message) {
		return new BadInput(name, List.of(command.split(" ")), (data) -> {
		}, NO_PASSWORD, ExitCodes.USAGE, message);
	}

	/**
	 * A launch that starts and fails: exit code 1, a FAILED execution, and nothing under {@code out/} (the work
	 * directory keeps what a restart needs).
	 */
	public static BadInput failed(String name, String command, String message) {
		return new BadInput(name, List.of(command.split(" ")), (data) -> {
		}, NO_PASSWORD, ExitCodes.FAILED, message);
	}

}
