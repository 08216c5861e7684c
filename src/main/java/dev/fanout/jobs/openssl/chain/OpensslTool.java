package dev.fanout.jobs.openssl.chain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fanout.core.DurationText;
import dev.fanout.core.ProcessTrees;
import dev.fanout.core.SecretVariables;

/**
 * The {@code openssl} binary with the cipher and digest of a run. Algorithms that OpenSSL 3 moved to its legacy
 * provider (the book's {@code whirlpool}, {@code md4}, DES and Blowfish ciphers...) get
 * {@code -provider legacy -provider default} automatically: {@link #probe} tries each algorithm once without and
 * once with them.
 */
public record OpensslTool(String binary, String cipher, boolean cipherLegacy, String digest, boolean digestLegacy) {

	private static final List<String> LEGACY = List.of("-provider", "legacy", "-provider", "default");

	/** How long each process of a probe may take: openssl answers in milliseconds. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Checks that the binary runs and knows the cipher and the digest.
	 * @throws IllegalArgumentException with what to do when it does not
	 */
	public static OpensslTool probe(String binary, String cipher, String digest) {
		return probe(binary, cipher, digest, PROBE_TIMEOUT);
	}

	/** As {@link #probe(String, String, String)}, each of its processes given {@code timeout} to answer. */
	static OpensslTool probe(String binary, String cipher, String digest, Duration timeout) {
		if (!cipher.matches("[A-Za-z0-9][A-Za-z0-9-]*") || !digest.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
			throw new IllegalArgumentException("cipher and digest are names like aes-256-cbc and sha256");
		}
		// Only listed names: enc and dgst take other options in the same place (-a, -none, -list...), which would run
		// without encrypting or hashing anything.
		// One iteration of the key derivation, not its 10000: the probe asks whether the cipher works, and the
		// iterations were most of a launch's probe time (~13 ms of ~30).
		List<String> cipherCheck = List.of(binary, "enc", "-" + cipher, "-pbkdf2", "-iter", "1", "-pass", "pass:probe");
		List<String> digestCheck = List.of(binary, "dgst", "-" + digest, "-binary");
		Boolean cipherLegacy = listed(binary, "enc", cipher, timeout) ? legacyNeeded(binary, cipherCheck, timeout) : null;
		if (cipherLegacy == null) {
			throw new IllegalArgumentException("cipher=%s is not supported by %s; '%s enc -list' lists the ciphers"
				.formatted(cipher, binary, binary));
		}
		Boolean digestLegacy = listed(binary, "dgst", digest, timeout) ? legacyNeeded(binary, digestCheck, timeout) : null;
		if (digestLegacy == null) {
			throw new IllegalArgumentException("digest=%s is not supported by %s; '%s dgst -list' lists the digests"
				.formatted(digest, binary, binary));
		}
		return new OpensslTool(binary, cipher, cipherLegacy, digest, digestLegacy);
	}

	/** Whether {@code openssl <command> -list} names the algorithm (as {@code -name}, in any case). */
	private static boolean listed(String binary, String command, String algorithm, Duration timeout) {
		Path listing = null;
		try {
			// Into a file, not a pipe: reading a pipe until its end waits for every process that holds it open (a
			// wrapper script's child that hangs), and no timeout bounds that read.
			listing = Files.createTempFile("fanout-openssl-", ".list");
			Process process = probeProcess(List.of(binary, command, "-list")).redirectOutput(listing.toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			awaitExit(process, binary, timeout);
			if (process.exitValue() != 0) {
				throw new IllegalArgumentException(("%s does not answer like openssl ('%s %s -list' exited %d); install "
						+ "it with 'apt-get install openssl', or set fanout.openssl.binary to its path")
					.formatted(binary, binary, command, process.exitValue()));
			}
			String list = Files.readString(listing, StandardCharsets.UTF_8);
			return Arrays.stream(list.split("\\s+")).anyMatch(("-" + algorithm)::equalsIgnoreCase);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(new OpensslTool(binary, "", false, "", false).explain(ex));
		}
		finally {
			if (listing != null) {
				try {
					Files.deleteIfExists(listing);
				}
				catch (IOException ex) {
					// a temporary file of a few hundred bytes: left to the system's cleaning of its temporary directory
				}
			}
		}
	}

	/** false if the command works as is, true if only with the legacy provider, null if not at all. */
	private static Boolean legacyNeeded(String binary, List<String> command, Duration timeout) {
		if (succeeds(binary, command, timeout)) {
			return false;
		}
		List<String> legacy = new ArrayList<>(command);
		legacy.addAll(LEGACY);
		return succeeds(binary, legacy, timeout) ? true : null;
	}

	private static boolean succeeds(String binary, List<String> command, Duration timeout) {
		try {
			Process process = probeProcess(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			awaitExit(process, binary, timeout);
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(new OpensslTool(binary, "", false, "", false).explain(ex));
		}
	}

	/**
	 * Waits for the probe to exit; past the timeout, kills it and every process it started (a wrapper script's
	 * children would otherwise run on, orphaned) and refuses the binary.
	 */
	private static void awaitExit(Process process, String binary, Duration timeout) {
		try {
			if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			destroyTree(process);
			throw new IllegalStateException("interrupted while checking " + binary);
		}
		destroyTree(process);
		throw new IllegalArgumentException(("%s did not answer within %s (stopped it); check that it is openssl, or "
				+ "set fanout.openssl.binary to its path").formatted(binary, DurationText.format(timeout)));
	}

	/** SIGKILL at once: a probe that hangs has nothing to finish, and the operator waits. */
	private static void destroyTree(Process process) {
		ProcessTrees.end(process.toHandle(), Duration.ZERO);
	}

	/** A probe of the binary: nothing to read, and none of the JVM's secrets (it is given none to use). */
	private static ProcessBuilder probeProcess(List<String> command) {
		ProcessBuilder probe = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		SecretVariables.removeFrom(probe.environment());
		return probe;
	}

	public List<String> encryptCommand(String passwordVariable) {
		List<String> command = new ArrayList<>(List.of(this.binary, "enc", "-" + this.cipher, "-pbkdf2", "-pass",
				"env:" + passwordVariable));
		if (this.cipherLegacy) {
			command.addAll(LEGACY);
		}
		return command;
	}

	public List<String> digestCommand() {
		List<String> command = new ArrayList<>(List.of(this.binary, "dgst", "-" + this.digest, "-binary"));
		if (this.digestLegacy) {
			command.addAll(LEGACY);
		}
		return command;
	}

	/** A failure to start a process, said so that the operator knows what to install or configure. */
	String explain(IOException ex) {
		Matcher program = Pattern.compile("Cannot run program \"([^\"]+)\"").matcher(String.valueOf(ex.getMessage()));
		if (program.find()) {
			String name = program.group(1);
			String install = name.endsWith("tee") ? "coreutils" : "openssl";
			return ("cannot run '%s': it is not installed or not on the PATH. Install it with 'apt-get install %s'%s")
				.formatted(name, install, install.equals("openssl") ? ", or set fanout.openssl.binary to its path" : "");
		}
		return "cannot run the chain: " + ex.getMessage();
	}

}
