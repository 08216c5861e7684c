package dev.fanout.jobs.openssl.chain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fanout.core.SecretVariables;

/**
 * The {@code openssl} binary with the cipher and digest of a run. Algorithms that OpenSSL 3 moved to its legacy
 * provider (the book's {@code whirlpool}, {@code md4}, DES and Blowfish ciphers...) get
 * {@code -provider legacy -provider default} automatically: {@link #probe} tries each algorithm once without and
 * once with them.
 */
public record OpensslTool(String binary, String cipher, boolean cipherLegacy, String digest, boolean digestLegacy) {

	private static final List<String> LEGACY = List.of("-provider", "legacy", "-provider", "default");

	/**
	 * Checks that the binary runs and knows the cipher and the digest.
	 * @throws IllegalArgumentException with what to do when it does not
	 */
	public static OpensslTool probe(String binary, String cipher, String digest) {
		if (!cipher.matches("[A-Za-z0-9][A-Za-z0-9-]*") || !digest.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
			throw new IllegalArgumentException("cipher and digest are names like aes-256-cbc and sha256");
		}
		// Only listed names: enc and dgst take other options in the same place (-a, -none, -list...), which would run
		// without encrypting or hashing anything.
		List<String> cipherCheck = List.of(binary, "enc", "-" + cipher, "-pbkdf2", "-pass", "pass:probe");
		List<String> digestCheck = List.of(binary, "dgst", "-" + digest, "-binary");
		Boolean cipherLegacy = listed(binary, "enc", cipher) ? legacyNeeded(binary, cipherCheck) : null;
		if (cipherLegacy == null) {
			throw new IllegalArgumentException("cipher=%s is not supported by %s; '%s enc -list' lists the ciphers"
				.formatted(cipher, binary, binary));
		}
		Boolean digestLegacy = listed(binary, "dgst", digest) ? legacyNeeded(binary, digestCheck) : null;
		if (digestLegacy == null) {
			throw new IllegalArgumentException("digest=%s is not supported by %s; '%s dgst -list' lists the digests"
				.formatted(digest, binary, binary));
		}
		return new OpensslTool(binary, cipher, cipherLegacy, digest, digestLegacy);
	}

	/** Whether {@code openssl <command> -list} names the algorithm (as {@code -name}, in any case). */
	private static boolean listed(String binary, String command, String algorithm) {
		try {
			Process process = probeProcess(List.of(binary, command, "-list")).redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			String list = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalArgumentException(binary + " did not answer within 10 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalArgumentException(("%s does not answer like openssl ('%s %s -list' exited %d); install "
						+ "it with 'apt-get install openssl', or set fanout.openssl.binary to its path")
					.formatted(binary, binary, command, process.exitValue()));
			}
			return Arrays.stream(list.split("\\s+")).anyMatch(("-" + algorithm)::equalsIgnoreCase);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(new OpensslTool(binary, "", false, "", false).explain(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while checking " + binary);
		}
	}

	/** false if the command works as is, true if only with the legacy provider, null if not at all. */
	private static Boolean legacyNeeded(String binary, List<String> command) {
		if (succeeds(binary, command)) {
			return false;
		}
		List<String> legacy = new ArrayList<>(command);
		legacy.addAll(LEGACY);
		return succeeds(binary, legacy) ? true : null;
	}

	private static boolean succeeds(String binary, List<String> command) {
		try {
			Process process = probeProcess(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalArgumentException(binary + " did not answer within 10 s");
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(new OpensslTool(binary, "", false, "", false).explain(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while checking " + binary);
		}
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
