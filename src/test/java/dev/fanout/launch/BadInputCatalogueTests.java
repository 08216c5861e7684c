package dev.fanout.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.crash.KillScenario;
import dev.fanout.crash.KillScenarios;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job's bad inputs in one place: parameters, files, formats, paths outside the data directory, missing tools
 * and settings. Each must be refused with one clear line naming the problem, a non-zero exit code and no stack trace,
 * launch nothing (or leave a FAILED execution) and write nothing under {@code out/} or {@code work/}. A new job adds a
 * method returning its cases and lists it in {@link #cases()}.
 */
class BadInputCatalogueTests {

	/** Settings that make the openssl password missing, whatever the environment of the build. */
	private static final List<String> NO_PASSWORD = List.of("--fanout.openssl.password-env=FANOUT_CATALOGUE_UNSET_PASSWORD");

	/** A password file for the openssl cases that must get past the password check; written by their setup. */
	private static final Path PASSWORD_FILE = Path.of("target", "test-data", "BadInputCatalogueTests-password.txt")
		.toAbsolutePath();

	/** One context per distinct settings, each on a data directory of its own, closed after the class. */
	private static final Map<List<String>, InProcessFanout> contexts = new HashMap<>();

	/**
	 * One bad input.
	 * @param args the command line, e.g. {@code run factorize threads=0}
	 * @param setup files (or links) to put into the data directory first
	 * @param settings {@code --name=value} settings of the application (a missing tool, no password)
	 * @param exitCode the expected exit code
	 * @param message a phrase the error must contain; {@code {data}} stands for the data directory
	 */
	record BadInput(String name, List<String> args, Setup setup, List<String> settings, int exitCode, String message) {

		@Override
		public String toString() {
			return this.name;
		}

		/** The job the case is about (its name starts with the job's), or "" for launch cases. */
		String job() {
			return this.name.startsWith(this.args.get(1) + " ") ? this.args.get(1) : "";
		}

		BadInput withFile(String path, String content) {
			return new BadInput(this.name, this.args, (data) -> {
				this.setup.prepare(data);
				Path file = data.resolve(path);
				Files.createDirectories(file.getParent());
				Files.writeString(file, content);
			}, this.settings, this.exitCode, this.message);
		}

		BadInput withSetup(Setup more) {
			return new BadInput(this.name, this.args, (data) -> {
				this.setup.prepare(data);
				more.prepare(data);
			}, this.settings, this.exitCode, this.message);
		}

		BadInput withSettings(List<String> settings) {
			return new BadInput(this.name, this.args, this.setup, settings, this.exitCode, this.message);
		}

	}

	@FunctionalInterface
	interface Setup {

		void prepare(Path data) throws IOException;

	}

	/**
	 * A folder outside the data directory for links to point to: the test checks that it stays empty, so nothing was
	 * written through a link.
	 */
	static Path outside(Path data) throws IOException {
		return Files.createDirectories(data.resolveSibling(data.getFileName() + "-outside"));
	}

	/** Links {@code path} (in the data directory) to the folder {@link #outside}. */
	static Setup linkOutside(String path) {
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
	static List<String> ownDataDirectory(String name, List<String> settings) {
		List<String> own = new ArrayList<>(settings);
		own.add("--fanout.catalogue-case=" + name);
		return own;
	}

	/** A bad launch, refused before anything runs: exit code 2 ({@link ExitCodes#USAGE}). */
	static BadInput refused(String name, String command, String message) {
		return new BadInput(name, List.of(command.split(" ")), (data) -> {
		}, NO_PASSWORD, ExitCodes.USAGE, message);
	}

	/**
	 * A launch that starts and fails: exit code 1, a FAILED execution, and nothing under {@code out/} (the work
	 * directory keeps what a restart needs).
	 */
	static BadInput failed(String name, String command, String message) {
		return new BadInput(name, List.of(command.split(" ")), (data) -> {
		}, NO_PASSWORD, ExitCodes.FAILED, message);
	}

	/** Every case, job by job. A new job adds its method here. */
	static Stream<BadInput> cases() {
		return Stream.of(launch(), factorize(), life(), openssl(), sensors(), images(), chapter()).flatMap(List::stream);
	}

	static List<BadInput> launch() {
		return List.of(refused("unknown job", "run factorise", "unknown job 'factorise'; jobs: chapter, factorize"),
				refused("parameter without =", "run factorize threads", "'threads' is not a job parameter; write name=value"),
				refused("parameter given twice", "run factorize threads=1 threads=2", "parameter 'threads' is given twice"),
				refused("reserved run.id", "run factorize run.id=7", "run.id is reserved; use --new"),
				refused("restart of an unknown execution", "restart 987654", "no job execution with id 987654"),
				refused("recover of an unknown execution", "recover 987654", "no job execution with id 987654"),
				refused("show of a word", "show abc", "'abc' is not an execution id: give its number, as 'fanout history' lists them"),
				refused("stop of a word", "stop abc", "'abc' is not an execution id"),
				refused("restart of a word", "restart 12x", "'12x' is not an execution id"),
				refused("abandon of a word", "abandon abc", "'abc' is not an execution id"),
				refused("history limit not a number", "history --limit many",
						"--limit 'many' is not a whole number; see 'fanout history --help'"));
	}

	static List<BadInput> factorize() {
		return List.of(refused("factorize unknown parameter", "run factorize color=blue",
				"unknown parameter color for job 'factorize'; it takes: numbers, file, threads, algorithm"),
				refused("factorize word among numbers", "run factorize numbers=12,abc", "numbers: value 2: 'abc' is not a whole number"),
				refused("factorize zero", "run factorize numbers=12,0", "numbers: value 2: 0 is not positive"),
				refused("factorize negative", "run factorize numbers=-5", "numbers: value 1: -5 is not positive"),
				refused("factorize number too large", "run factorize numbers=99999999999999999999",
						"too large; the largest supported number is 9223372036854775807"),
				refused("factorize empty numbers", "run factorize numbers=", "numbers= is empty"),
				refused("factorize empty value", "run factorize numbers=4,,6", "numbers: value 2 is empty"),
				refused("factorize numbers and file", "run factorize numbers=4 file=factorize/numbers.txt",
						"give either numbers=N1,N2,... or file=PATH (not both, not neither)"),
				refused("factorize naive too large", "run factorize numbers=10000000019 algorithm=naive",
						"number 1 (10000000019) is too large for algorithm=naive"),
				refused("factorize zero threads", "run factorize threads=0", "threads=0 is not a whole number from 1 to 256"),
				refused("factorize too many threads", "run factorize threads=257", "threads=257 is not a whole number from 1 to 256"),
				refused("factorize threads not a number", "run factorize threads=two", "threads=two is not a whole number"),
				refused("factorize unknown algorithm", "run factorize algorithm=quick", "algorithm=quick is not one of naive, fast"),
				refused("factorize missing file", "run factorize file=missing.txt", "file=missing.txt: no readable file"),
				refused("factorize file is a directory", "run factorize file=factorize", "file=factorize: no readable file"),
				refused("factorize empty file", "run factorize file=factorize/empty.txt", "empty.txt holds no numbers")
					.withFile("factorize/empty.txt", "# nothing here\n\n"),
				refused("factorize word in file", "run factorize file=factorize/bad.txt", "bad.txt line 3: 'twelve' is not a whole number")
					.withFile("factorize/bad.txt", "# numbers\n12\ntwelve\n"),
				refused("factorize negative in file", "run factorize file=factorize/negative.txt", "negative.txt line 2: -3 is not positive")
					.withFile("factorize/negative.txt", "12\n-3\n"),
				refused("factorize binary file", "run factorize file=factorize/binary.txt", "is not a UTF-8 text file")
					.withSetup((data) -> Files.write(data.resolve("factorize/binary.txt"), new byte[] { '1', (byte) 0xC3, '\n' })),
				refused("factorize relative path outside", "run factorize file=../../etc/passwd",
						"file=../../etc/passwd points outside the data directory"),
				refused("factorize absolute path outside", "run factorize file=/etc/passwd",
						"file=/etc/passwd points outside the data directory"),
				refused("factorize link outside", "run factorize file=factorize/passwd", "file=factorize/passwd points outside the data directory")
					.withSetup((data) -> Files.createSymbolicLink(data.resolve("factorize/passwd"), Path.of("/etc/passwd"))));
	}

	static List<BadInput> life() {
		return List.of(refused("life unknown parameter", "run life colour=red", "unknown parameter colour for job 'life'"),
				refused("life missing pattern", "run life pattern=life/missing.rle", "pattern={data}/life/missing.rle: no such file"),
				refused("life pattern is a directory", "run life pattern=life", "cannot read pattern {data}/life"),
				refused("life relative path outside", "run life pattern=../../etc/passwd",
						"pattern=../../etc/passwd points outside the data directory"),
				refused("life absolute path outside", "run life pattern=/etc/passwd", "pattern=/etc/passwd points outside the data directory"),
				refused("life RLE unknown tag", "run life pattern=life/bad-tag.rle", "bad-tag.rle line 2: unknown tag 'q'")
					.withFile("life/bad-tag.rle", "x = 3, y = 1\n2oq!\n"),
				refused("life RLE missing header", "run life pattern=life/no-header.rle", "no-header.rle line 1: missing or malformed RLE header")
					.withFile("life/no-header.rle", "bo$2bo$3o!\n"),
				refused("life RLE row wider than declared", "run life pattern=life/wide.rle",
						"wide.rle line 2: row 1 has 5 or more cells, more than the declared width x = 2")
					.withFile("life/wide.rle", "x = 2, y = 1\n5o!\n"),
				refused("life RLE rows beyond declared height", "run life pattern=life/tall.rle", "tall.rle line 2: 3$ goes to row 4, beyond the declared height y = 2")
					.withFile("life/tall.rle", "x = 2, y = 2\no3$o!\n"),
				refused("life RLE run count overflowing", "run life pattern=life/count.rle", "count.rle line 2: run count 9999999999... is too large for a 2×1 pattern")
					.withFile("life/count.rle", "x = 2, y = 1\n99999999999o!\n"),
				refused("life RLE header too large for the heap", "run life pattern=life/huge.rle", "huge.rle line 1: a 1000000×1000000 pattern is too large")
					.withFile("life/huge.rle", "x = 1000000, y = 1000000\no!\n"),
				refused("life RLE unsupported rule", "run life pattern=life/highlife.rle", "rule = B36/S23 is not supported")
					.withFile("life/highlife.rle", "x = 1, y = 1, rule = B36/S23\no!\n"),
				refused("life RLE zero size", "run life pattern=life/zero.rle", "zero.rle line 1: x = 0 in the header is not a positive size")
					.withFile("life/zero.rle", "x = 0, y = 1\n!\n"),
				refused("life RLE empty", "run life pattern=life/empty.rle", "empty.rle holds no pattern")
					.withFile("life/empty.rle", "#C nothing\n"),
				refused("life plain text stray character", "run life pattern=life/stray.txt",
						"stray.txt line 2 column 2: 'x' is not a cell; the plain text format has '*' for alive and '-' for dead")
					.withFile("life/stray.txt", "-*-\n-x*\n***\n"),
				refused("life LifeWiki plaintext stray character", "run life pattern=life/stray.cells",
						"stray.cells line 3 column 2: 'o' is not a cell; LifeWiki's plaintext (.cells) format has 'O' for alive and '.' for dead")
					.withFile("life/stray.cells", "!Name: Glider\n.O.\n.oO\nOOO\n"),
				refused("life plain text blank line between rows", "run life pattern=life/gap.txt", "gap.txt line 2 is blank between rows")
					.withFile("life/gap.txt", "-*-\n\n***\n"),
				refused("life pattern larger than grid", "run life width=3", "but the grid is only 3×5"),
				refused("life grid too large for the heap", "run life width=1000000 height=1000000", "more than the"),
				failed("life output folder linking outside", "run life",
						"{data}/out/life/instance-1 leads to {outside}, outside the data directory {data}; remove the link")
					.withSettings(ownDataDirectory("life-output-link", NO_PASSWORD))
					.withSetup(linkOutside("out/life/instance-1")),
				refused("life zero width", "run life width=0", "width=0 is not a whole number from 1 to 1048576"),
				refused("life width too large", "run life width=2000000", "width=2000000 is not a whole number from 1 to 1048576"),
				refused("life height not a number", "run life height=tall", "height=tall is not a whole number"),
				refused("life negative generations", "run life generations=-1", "generations=-1 is not a whole number from 0"),
				refused("life zero partitions", "run life partitions=0", "partitions=0 is not a whole number from 1 to 256"),
				refused("life zero checkpoint", "run life checkpoint=0", "checkpoint=0 is not a whole number from 1"),
				refused("life negative x", "run life x=-1", "x=-1 is not a whole number from 0"),
				refused("life unknown placement", "run life placement=left", "placement=left: the only placement is center"),
				refused("life placement and position", "run life placement=center x=1", "give either placement=center or x= and y=, not both"),
				refused("life unknown executor", "run life executor=fibers", "executor=fibers is not platform or virtual"),
				refused("life zero cell threads", "run life cellThreads=0", "cellThreads=0 is not a whole number from 1 to 4096"),
				refused("life bad duration", "run life cellLatency=soon", "cellLatency=soon is not a duration; write it like 500ms"),
				refused("life negative duration", "run life cellLatency=-5ms", "cellLatency=-5ms is not a duration"),
				refused("life duration too long", "run life cellLatency=11s", "cellLatency=11s is more than 10s"));
	}

	static List<BadInput> openssl() {
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
						"count=1000000 size=1.0 GiB: the payloads and their ciphertexts need 1.9 PiB, more than the file system of the data directory holds"),
				refused("openssl zero parallelism", "run openssl parallelism=0", "parallelism=0 is not a whole number from 1 to 256"),
				refused("openssl bad timeout", "run openssl timeout=forever", "timeout=forever is not a duration"),
				refused("openssl zero timeout", "run openssl timeout=0", "timeout=0: give a positive time"),
				refused("openssl unknown onTimeout", "run openssl onTimeout=retry", "onTimeout=retry is not fail or skip"),
				refused("openssl missing source", "run openssl source=nowhere", "source={data}/nowhere is not a directory"),
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
				refused("openssl relative path outside", "run openssl source=../../etc", "source=../../etc points outside the data directory"),
				refused("openssl absolute path outside", "run openssl source=/etc", "source=/etc points outside the data directory"),
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

	static List<BadInput> sensors() {
		return List.of(refused("sensors unknown parameter", "run sensors color=blue",
				"unknown parameter color for job 'sensors'; it takes: sensors, readings, readLatency, counter"),
				refused("sensors zero sensors", "run sensors sensors=0", "sensors=0 is not a whole number from 1 to 1024"),
				refused("sensors too many sensors", "run sensors sensors=2000", "sensors=2000 is not a whole number from 1 to 1024"),
				refused("sensors negative readings", "run sensors readings=-1", "readings=-1 is not a whole number from 1 to 1000000000"),
				refused("sensors readings in exponent form", "run sensors readings=1e6", "readings=1e6 is not a whole number"),
				refused("sensors too many readings", "run sensors readings=1000000001", "readings=1000000001 is not a whole number from 1 to 1000000000"),
				refused("sensors bad duration", "run sensors readLatency=abc", "readLatency=abc is not a duration; write it like 500ms, 30s, 2m, 1h or 7d"),
				refused("sensors negative duration", "run sensors readLatency=-1s", "readLatency=-1s is not a duration"),
				refused("sensors duration too long", "run sensors readLatency=2m", "readLatency=2m is longer than 10s; give 0 to 10s"),
				refused("sensors unknown counter", "run sensors counter=foo", "counter=foo is not one of locked, atomic, adder, partitioned, unsafe"));
	}

	static List<BadInput> images() {
		return List.of(refused("images unknown parameter", "run images width=100",
				"unknown parameter width for job 'images'; it takes: source, target, upload"),
				refused("images missing source", "run images source=images/nowhere",
						"source={data}/images/nowhere: no such directory or URL list"),
				refused("images empty source", "run images source=images/empty", "source={data}/images/empty holds no images")
					.withSetup((data) -> Files.createDirectories(data.resolve("images/empty"))),
				refused("images URL list with a bad line", "run images source=images/urls.txt",
						"source={data}/images/urls.txt, line 2: 'ftp://example.org/a.jpg' is not an http(s) URL")
					.withFile("images/urls.txt", "http://example.org/a.jpg\nftp://example.org/a.jpg\n"),
				refused("images binary file as source", "run images source=images/in/small.jpg",
						"is neither a directory of images nor a text file of image URLs"),
				refused("images source link outside", "run images source=images/linked",
						"passwd links to /etc/passwd, outside the data directory")
					.withSetup((data) -> Files.createSymbolicLink(
							Files.createDirectories(data.resolve("images/linked")).resolve("passwd"), Path.of("/etc/passwd"))),
				refused("images source with a broken link", "run images source=images/broken",
						"source={data}/images/broken: gone.jpg is a broken link (to missing.jpg); fix the link or remove it")
					.withSetup((data) -> {
						Path broken = Files.createDirectories(data.resolve("images/broken"));
						Files.copy(data.resolve("images/in/small.jpg"), broken.resolve("a.jpg"));
						Files.createSymbolicLink(broken.resolve("gone.jpg"), Path.of("missing.jpg"));
					}),
				refused("images relative path outside", "run images source=../../etc/passwd",
						"source=../../etc/passwd points outside the data directory"),
				refused("images absolute path outside", "run images source=/etc", "source=/etc points outside the data directory"),
				refused("images target outside", "run images target=../../tmp/gallery",
						"target=../../tmp/gallery points outside the data directory"),
				refused("images target through a link outside", "run images target=link/new",
						"target=link/new points outside the data directory")
					.withSetup(linkOutside("link")),
				failed("images gallery folder linking outside", "run images",
						"{data}/out/gallery/instance-1 leads to {outside}, outside the data directory {data}; remove the link")
					.withSettings(ownDataDirectory("images-gallery-link", NO_PASSWORD))
					.withSetup(linkOutside("out/gallery/instance-1")),
				refused("images target is a file", "run images target=images/in/small.jpg",
						"target=images/in/small.jpg is a file; give a directory"),
				refused("images target not http", "run images target=ftp://example.org/gallery",
						"target=ftp://example.org/gallery is not an http(s) URL"),
				refused("images unknown upload method", "run images upload=delete", "upload=delete is not put"),
				refused("images zero width", "run images maxWidth=0", "maxWidth=0 is not a whole number from 1 to 10000"),
				refused("images height not a number", "run images maxHeight=tall", "maxHeight=tall is not a whole number"),
				refused("images zero quality", "run images quality=0", "quality=0 is not a number above 0 and at most 1"),
				refused("images quality above one", "run images quality=1.5", "quality=1.5 is not a number above 0 and at most 1"),
				refused("images zero download threads", "run images downloadThreads=0",
						"downloadThreads=0 is not a whole number from 1 to 64"),
				refused("images too many resize threads", "run images resizeThreads=65",
						"resizeThreads=65 is not a whole number from 1 to 64"),
				refused("images bad latency", "run images resizeLatency=slow", "resizeLatency=slow is not a duration"),
				failed("images dead URL", "run images source=images/dead.txt",
						"download of http://127.0.0.1:9/a.jpg: connection refused (is the server running?) after 3 attempts")
					.withFile("images/dead.txt", "http://127.0.0.1:9/a.jpg\n"));
	}

	static List<BadInput> chapter() {
		return List.of(refused("chapter parameter", "run chapter threads=2", "unknown parameter threads for job 'chapter'"),
				refused("chapter without the openssl password", "run chapter",
						"openssl: the openssl job needs a password: set the environment variable FANOUT_CATALOGUE_UNSET_PASSWORD"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refusesWithOneClearLineAndLeavesNothingBehind(BadInput input) throws Exception {
		InProcessFanout fanout = context(input.settings());
		Path data = fanout.bean(dev.fanout.system.FanoutProperties.class).dataDir();
		input.setup().prepare(data);
		JdbcTemplate repository = new JdbcTemplate(fanout.bean(DataSource.class));
		long executionsBefore = executions(repository);
		Map<String, Long> filesBefore = files(data);

		CommandResult result = fanout.run(input.args().toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(input.exitCode());
		String message = input.message()
			.replace("{outside}", outside(data).toRealPath().toString())
			.replace("{data}", data.toString());
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(result.err()).as(result.toString())
				.startsWith("fanout: ")
				.contains(message)
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
			assertThat(result.err().lines()).as("one line").hasSize(1);
			assertThat(result.out()).as("nothing on standard output").isEmpty();
		}
		else {
			// A run that started: its report on standard output says why it failed.
			assertThat(result.out()).as(result.toString())
				.contains("FAILED")
				.contains(message)
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
		}
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(executions(repository)).as("nothing launched").isEqualTo(executionsBefore);
		}
		else {
			assertThat(repository.queryForObject("select STATUS from BATCH_JOB_EXECUTION order by JOB_EXECUTION_ID desc limit 1",
					String.class)).isEqualTo("FAILED");
		}
		try (Stream<Path> written = Files.list(outside(data))) {
			assertThat(written.toList()).as("nothing written through a link out of the data directory").isEmpty();
		}
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(files(data)).as("nothing written under out/ or work/").isEqualTo(filesBefore);
		}
		else {
			assertThat(under("out", files(data))).as("nothing written under out/").isEqualTo(under("out", filesBefore));
		}
	}

	/** Also guards the kill -9 suite: a job added to the application must be added to both. */
	@Test
	void everyJobHasBadInputCasesAndAKillScenario() {
		Set<String> jobs = context(NO_PASSWORD).bean(Launcher.class)
			.descriptions()
			.stream()
			.map(JobDescription::jobName)
			.collect(Collectors.toSet());

		assertThat(cases().map(BadInput::job).filter((job) -> !job.isEmpty()).collect(Collectors.toSet()))
			.as("jobs with bad-input cases")
			.isEqualTo(jobs);
		// The chapter is made of the other jobs' executions: ChapterProcessTests kills it among its items.
		assertThat(KillScenarios.all().stream().map(KillScenario::job).collect(Collectors.toSet()))
			.as("jobs with a kill scenario (dev.fanout.crash.KillScenarios)")
			.isEqualTo(jobs.stream().filter((job) -> !job.equals("chapter")).collect(Collectors.toSet()));
	}

	@AfterAll
	static void close() {
		contexts.values().forEach(InProcessFanout::close);
		contexts.clear();
	}

	private static InProcessFanout context(List<String> settings) {
		return contexts.computeIfAbsent(settings, (s) -> {
			Path data = TestDataDirectories.fresh("BadInputCatalogueTests-" + contexts.size());
			try {
				// Fresh too: an earlier test JVM's failure may have left files there.
				TestDataDirectories.delete(outside(data));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new InProcessFanout(data, s);
		});
	}

	private static long executions(JdbcTemplate repository) {
		return repository.queryForObject("select count(*) from BATCH_JOB_EXECUTION", Long.class);
	}

	private static Map<String, Long> under(String directory, Map<String, Long> files) {
		Map<String, Long> kept = new TreeMap<>(files);
		kept.keySet().removeIf((file) -> !file.startsWith(directory));
		return kept;
	}

	/** Every file under out/ and work/ with its size. */
	private static Map<String, Long> files(Path data) throws IOException {
		Map<String, Long> files = new TreeMap<>();
		for (String directory : List.of("out", "work")) {
			Path root = data.resolve(directory);
			if (!Files.exists(root)) {
				continue;
			}
			try (Stream<Path> paths = Files.walk(root)) {
				for (Path path : paths.toList()) {
					files.put(data.relativize(path).toString(), Files.isRegularFile(path) ? Files.size(path) : -1);
				}
			}
		}
		return files;
	}

}
