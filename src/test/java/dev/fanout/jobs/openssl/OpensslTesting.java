package dev.fanout.jobs.openssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;

/** Helpers for openssl tests: inputs, the real openssl to check outputs, and the wrapper that fails or hangs. */
public final class OpensslTesting {

	private OpensslTesting() {
	}

	static Path passwordFile(Path dataDir, String password) {
		try {
			Files.createDirectories(dataDir.resolve("openssl/in"));
			Files.writeString(dataDir.resolve("openssl/in/sample.txt"), "a sample to encrypt\n");
			return Files.writeString(dataDir.resolve("password.txt"), password + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A copy of test resource openssl/openssl-wrapper.sh in the given directory, executable. */
	static Path wrapper(Path directory) {
		try (var script = OpensslTesting.class.getResourceAsStream("/openssl/openssl-wrapper.sh")) {
			Files.createDirectories(directory);
			Path wrapper = directory.resolve("openssl");
			Files.write(wrapper, script.readAllBytes());
			Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
			return wrapper;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	public static byte[] decrypt(Path ciphertext, String password) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("openssl", "enc", "-d", "-aes-256-cbc", "-pbkdf2", "-pass",
				"env:CHECK_PASSWORD", "-in", ciphertext.toString());
		builder.environment().put("CHECK_PASSWORD", password);
		return output(builder);
	}

	static byte[] run(List<String> command, Path input) throws Exception {
		return output(new ProcessBuilder(command).redirectInput(input.toFile()));
	}

	private static byte[] output(ProcessBuilder builder) throws Exception {
		Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(builder.command() + " exited " + process.exitValue());
		}
		return output;
	}

	static boolean contains(Path file, byte[] needle) {
		try {
			byte[] haystack = Files.readAllBytes(file);
			outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (haystack[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
