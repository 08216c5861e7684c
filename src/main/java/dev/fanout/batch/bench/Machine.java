package dev.fanout.batch.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The machine a bench ran on: what decides whether two reports can be compared.
 *
 * @param cores the processors the JVM sees
 * @param jdk the Java runtime's version and vendor
 * @param jit which compilers run: {@code C2 (tiered)}, {@code C1 only} or {@code interpreter only}
 * @param os the operating system and architecture
 * @param date when the bench started, UTC, to the second
 */
public record Machine(int cores, String jdk, String jit, String os, String date) {

	public static Machine current() {
		return new Machine(Runtime.getRuntime().availableProcessors(),
				"%s (%s)".formatted(Runtime.version(), System.getProperty("java.vm.vendor", "unknown vendor")),
				jit(ManagementFactory.getRuntimeMXBean().getInputArguments()),
				System.getProperty("os.name") + " " + System.getProperty("os.arch"),
				DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
	}

	/** The JIT mode the JVM's options select (the default, tiered C1 then C2, unless told otherwise). */
	static String jit(List<String> jvmOptions) {
		String mode = "C2 (tiered)";
		for (String option : jvmOptions) {
			if (option.equals("-Xint")) {
				mode = "interpreter only";
			}
			else if (option.matches("-XX:TieredStopAtLevel=[0-3]")) {
				mode = option.endsWith("=0") ? "interpreter only" : "C1 only";
			}
			else if (option.equals("-XX:-TieredCompilation")) {
				mode = "C2 (not tiered)";
			}
		}
		return mode;
	}

	/** One line: {@code 2 cores, JDK 25.0.1+8-LTS (Eclipse Adoptium), JIT C2 (tiered), Linux amd64, 2026-12-05T01:40:00Z}. */
	public String describe() {
		return "%d cores, JDK %s, JIT %s, %s, %s".formatted(this.cores, this.jdk, this.jit, this.os, this.date);
	}

	static String utcStamp(String isoDate) {
		return DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.parse(isoDate));
	}

}
