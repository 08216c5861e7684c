package dev.fanout.jobs.openssl.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;

/**
 * What the bench checks of one run's outputs, the job's or the shell's, after the clock stopped: every payload's
 * ciphertext has the size CBC gives it, its digest file holds the digest of that ciphertext (where the JDK has the
 * digest), and every ciphertext decrypts to its own payload (compared by SHA-256). Ciphertexts are salted at random,
 * so two runs never write the same bytes: each is checked against its payload instead.
 * <p>
 * The JDK decrypts, from openssl's {@code enc -pbkdf2} format ({@code Salted__}, 8 bytes of salt, then AES-256-CBC
 * with key and IV from PBKDF2-HMAC-SHA256 of 10000 iterations): a second implementation vouches for what openssl wrote,
 * without starting a process per ciphertext.
 */
final class OutputCheck {

	/** The only cipher this check decrypts: the bench's. */
	static final String CIPHER = "aes-256-cbc";

	private static final byte[] SALTED = "Salted__".getBytes(StandardCharsets.US_ASCII);

	/** openssl enc's defaults with {@code -pbkdf2} and no {@code -iter} or {@code -md}. */
	private static final int PBKDF2_ITERATIONS = 10_000;

	/** openssl's digest names that the JDK implements, for checking each digest against its ciphertext. */
	private static final Map<String, String> JDK_DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
			"sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512", "sha3-256", "SHA3-256", "sha3-512",
			"SHA3-512");

	private final Path input;

	private final OpensslTool tool;

	private final Secret secret;

	/** Each payload's size and SHA-256, by name, read once. */
	private final Map<String, Payload> payloads = new LinkedHashMap<>();

	private record Payload(long size, byte[] sha256) {
	}

	OutputCheck(Path input, List<String> names, OpensslTool tool, Secret secret) throws IOException {
		if (!tool.cipher().equalsIgnoreCase(CIPHER)) {
			throw new IllegalArgumentException("the output check decrypts " + CIPHER + " only, not " + tool.cipher());
		}
		this.input = input;
		this.tool = tool;
		this.secret = secret;
		for (String name : names) {
			byte[] payload = Files.readAllBytes(input.resolve(name));
			this.payloads.put(name, new Payload(payload.length, sha256(payload)));
		}
	}

	/** Whether the digest files are checked against their ciphertexts: the JDK has the run's digest. */
	boolean checksDigests() {
		return jdkDigest() != null;
	}

	/**
	 * Checks the outputs in {@code output}.
	 *
	 * @param whose whose outputs they are, for the message ({@code the job's})
	 * @throws IllegalStateException naming the first payload whose outputs are wrong
	 */
	void check(Path output, String whose) throws IOException {
		String digestName = jdkDigest();
		for (Map.Entry<String, Payload> entry : this.payloads.entrySet()) {
			String name = entry.getKey();
			Path cipherFile = output.resolve(name + ".enc");
			// The salt header, then the payload padded to the next whole block (a full block when it fills its last).
			long expected = 16 + (entry.getValue().size() / 16 + 1) * 16;
			if (!Files.isRegularFile(cipherFile) || Files.size(cipherFile) != expected) {
				throw new IllegalStateException("%s %s is missing or not %d bytes".formatted(whose, cipherFile, expected));
			}
			byte[] ciphertext = Files.readAllBytes(cipherFile);
			if (digestName != null && !MessageDigest.isEqual(digest(digestName, ciphertext),
					Files.readAllBytes(output.resolve(name + "." + this.tool.digest())))) {
				throw new IllegalStateException("%s digest of %s is not the digest of its ciphertext".formatted(whose, name));
			}
			if (!MessageDigest.isEqual(decryptedSha256(ciphertext), entry.getValue().sha256())) {
				throw new IllegalStateException("%s %s does not decrypt to its payload %s".formatted(whose, cipherFile,
						this.input.resolve(name)));
			}
		}
	}

	/** The SHA-256 of what the ciphertext decrypts to, or of nothing when it does not decrypt (wrong key, padding). */
	private byte[] decryptedSha256(byte[] ciphertext) {
		if (ciphertext.length < 16 || !Arrays.equals(ciphertext, 0, SALTED.length, SALTED, 0, SALTED.length)) {
			return new byte[0];
		}
		try {
			byte[] salt = Arrays.copyOfRange(ciphertext, 8, 16);
			byte[] keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(new PBEKeySpec(this.secret.value().toCharArray(), salt, PBKDF2_ITERATIONS, 48 * 8))
				.getEncoded();
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"),
					new IvParameterSpec(keyAndIv, 32, 16));
			return sha256(cipher.doFinal(ciphertext, 16, ciphertext.length - 16));
		}
		catch (javax.crypto.BadPaddingException ex) {
			return new byte[0];
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK cannot decrypt " + CIPHER + ": " + ex.getMessage(), ex);
		}
	}

	private String jdkDigest() {
		return JDK_DIGESTS.get(this.tool.digest().toLowerCase(Locale.ROOT));
	}

	private static byte[] sha256(byte[] bytes) {
		return digest("SHA-256", bytes);
	}

	private static byte[] digest(String algorithm, byte[] bytes) {
		try {
			return MessageDigest.getInstance(algorithm).digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is listed as a JDK digest", ex);
		}
	}

}
