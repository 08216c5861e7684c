package dev.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The systemd units of operations.md ("Running as a service"), as an operator copies them, checked by systemd's own
 * {@code systemd-analyze verify}: a misspelt directive or a value systemd cannot parse is only a warning to systemd,
 * which then starts the service without it, so any output fails the test.
 */
class ServiceUnitsTests {

	private static final Path OPERATIONS = Path.of("src/site/markdown/operations.md");

	private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

	/** The documented java, which {@code verify} requires to be there: this machine's own stands in for it. */
	private static final String DOCUMENTED_JAVA = "/usr/lib/jvm/java-21-openjdk-amd64/bin/java";

	private static final String MISSING = "the service unit tests need systemd-analyze (%s): apt-get install systemd"
		.formatted(SYSTEMD_ANALYZE);

	private static final Pattern UNIT = Pattern
		.compile("(?s)```ini\\n# /etc/systemd/system/([\\w-]+\\.service)\\n(.*?)```");

	@Test
	void theDocumentedUnitsAreTheServerAndTheWorker() throws IOException {
		assertThat(units().stream().map(Unit::name)).containsExactly("fanout.service", "fanout-worker.service");
		assertThat(units()).allSatisfy((unit) -> assertThat(unit.text())
			.contains("ExecStart=" + DOCUMENTED_JAVA + " -jar ")
			.contains("TimeoutStopSec=90")
			.doesNotContainPattern("(?i)password=\\S"));
	}

	@Test
	void theDocumentedUnitsPassSystemdsOwnCheckWithoutAWarning() throws Exception {
		RequiredTool.require(Files.isExecutable(SYSTEMD_ANALYZE), System.getenv("CI"), MISSING);
		Path directory = TestDataDirectories.fresh("ServiceUnitsTests");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		for (Unit unit : units()) {
			Path file = Files.writeString(directory.resolve(unit.name()), unit.text().replace(DOCUMENTED_JAVA, java));
			Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", file.toString())
				.redirectErrorStream(true)
				.start();
			assertThat(verify.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze verify " + unit.name()).isTrue();
			String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).as(unit.name()).isEmpty();
			assertThat(verify.exitValue()).as(unit.name()).isZero();
		}
	}

	/** Breaking a unit must be seen: otherwise an empty output could mean that nothing was checked. */
	@Test
	void aUnitWithADirectiveSystemdCannotParseIsReported() throws Exception {
		RequiredTool.require(Files.isExecutable(SYSTEMD_ANALYZE), System.getenv("CI"), MISSING);
		Path directory = TestDataDirectories.fresh("ServiceUnitsTests-broken");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Unit server = units().get(0);
		Path file = Files.writeString(directory.resolve(server.name()),
				server.text().replace(DOCUMENTED_JAVA, java).replace("TimeoutStopSec=90", "TimeoutStopSec=ninety"));
		Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", file.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.contains("Failed to parse");
	}

	private static List<Unit> units() throws IOException {
		Matcher unit = UNIT.matcher(Files.readString(OPERATIONS));
		List<Unit> units = new ArrayList<>();
		while (unit.find()) {
			units.add(new Unit(unit.group(1), unit.group(2)));
		}
		return units;
	}

	private record Unit(String name, String text) {
	}

}
