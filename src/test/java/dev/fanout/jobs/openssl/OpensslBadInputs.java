package dev.fanout.jobs.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.failed;
import static dev.fanout.cli.BadInput.linkOutside;
import static dev.fanout.cli.BadInput.ownDataDirectory;
import static dev.fanout.cli.BadInput.refused;

/**
 * openssl's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its
 * {@link OpensslKillScenario}.
 */
public final class OpensslBadInputs {

	/** A password file for the openssl cases that must get past the password check; written by their setup. */
	private static final Path PASSWORD_FILE = Path.of("target", "test-data", "BadInputCatalogueTests-password.txt")
		.toAbsolutePath();

	private OpensslBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(refused("openssl unknown parameter", "run openssl key=secret", "unknown parameter key for job 'openssl'"),
				refused("openssl unknown cipher", "run openssl cipher=rot13", "cipher=rot13 is not supported by openssl"),
				refused("openssl unknown digest", "run openssl digest=crc", "digest=crc is not supported by openssl"),
				refused("openssl command in a cipher name", "run openssl cipher=aes;rm", "cipher and digest are names like aes-256-cbc and sha256"),
				refused("openssl option as cipher", "run openssl cipher=-list", "cipher and digest are names like aes-256-cbc and sha256"),
				refused("openssl option as digest", "run openssl digest=-list", "cipher and digest are names like aes-256-cbc and sha256"),
				refused("openssl no encryption", "run openssl cipher=none", "cipher=none is not supported by openssl"),
				refused("openssl base64 instead of a cipher", "run openssl cipher=a", "cipher=a is not supported by openssl"),
				refused("openssl enc option as cipher", "run openssl cipher=base64", "cipher=base64 is not supported by openssl"),
				refused("openssl dgst option as digest", "run openssl digest=r", "digest=r is not supported by openssl"),
				refused("openssl count without size", "run openssl count=5", "give count= and size= together"),
				refused("openssl size without count", "run openssl size=1KiB", "give count= and size= together"),
				refused("openssl count and source", "run openssl count=5 size=1KiB source=openssl/in", "give either source=DIR or count= and size=, not both"),
				refused("openssl zero count", "run openssl count=0 size=1KiB", "count=0 is not a whole number from 1 to 1000000"),
				refused("openssl count too large", "run openssl count=2000000 size=1KiB", "count=2000000 is not a whole number from 1 to 1000000"),
				refused("openssl bad size", "run openssl count=5 size=huge", "size=huge is not a size"),
				refused("openssl negative size", "run openssl count=5 size=-1", "size=-1 is not a size"),
				refused("openssl payloads larger than the disk", "run openssl count=1000000 size=1GiB",
						"count=1000000 size=1 GiB: the payloads and their ciphertexts need 1.9 PiB, more than the file system of the data directory holds"),
				refused("openssl zero parallelism", "run openssl parallelism=0", "parallelism=0 is not a whole number from 1 to 256"),
				refused("openssl bad timeout", "run openssl timeout=forever", "timeout=forever is not a duration"),
				refused("openssl zero timeout", "run openssl timeout=0", "timeout=0: give a positive time"),
				refused("openssl unknown onTimeout", "run openssl onTimeout=retry", "onTimeout=retry is not fail or skip"),
				refused("openssl missing source", "run openssl source=nowhere",
						"source=nowhere: no such file or directory in the working directory"),
				refused("openssl source is a file", "run openssl source=openssl/in/numbers.csv", "source={data}/openssl/in/numbers.csv is not a directory"),
				refused("openssl empty source", "run openssl source=openssl/none", "source={data}/openssl/none holds no files to encrypt")
					.withSetup((data) -> Files.createDirectories(data.resolve("openssl/none"))),
				refused("openssl source file linking outside", "run openssl source=openssl/linked",
						"passwd links to /etc/passwd, outside the data directory")
					.withSetup((data) -> Files.createSymbolicLink(
							Files.createDirectories(data.resolve("openssl/linked")).resolve("passwd"), Path.of("/etc/passwd"))),
				refused("openssl source with a broken link", "run openssl source=openssl/broken",
						"source={data}/openssl/broken: gone.txt is a broken link (to missing.txt); fix the link or remove it")
					.withFile("openssl/broken/a.txt", "a")
					.withSetup((data) -> Files.createSymbolicLink(data.resolve("openssl/broken/gone.txt"), Path.of("missing.txt"))),
				failed("openssl output folder linking outside", "run openssl",
						"{data}/out/openssl/instance-1 leads to {outside}, outside the data directory {data}; remove the link")
					.withSettings(ownDataDirectory("openssl-output-link",
							List.of("--fanout.openssl.password-file=" + PASSWORD_FILE)))
					.withSetup((data) -> Files.writeString(PASSWORD_FILE, "catalogue\n"))
					.withSetup(linkOutside("out/openssl/instance-1")),
				refused("openssl missing password", "run openssl",
						"the openssl job needs a password: set the environment variable FANOUT_CATALOGUE_UNSET_PASSWORD"),
				refused("openssl missing password file", "run openssl", "cannot read the password file fanout.openssl.password-file=/nonexistent/password")
					.withSettings(List.of("--fanout.openssl.password-file=/nonexistent/password")),
				refused("openssl missing binary", "run openssl",
						"cannot run '/nonexistent/openssl': it is not installed or not on the PATH. Install it with 'apt-get install openssl'")
					.withSettings(List.of("--fanout.openssl.binary=/nonexistent/openssl")),
				refused("openssl binary that is not openssl", "run openssl", "/bin/false does not answer like openssl")
					.withSettings(List.of("--fanout.openssl.binary=/bin/false")));
	}

}
