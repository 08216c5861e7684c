package dev.fanout.batch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * One timed run: its wall time and the CPU time the whole process used meanwhile (every thread, the JIT and the
 * garbage collector included), plus that of the processes it started that ended meanwhile (openssl under bash or
 * under the job: on Linux, where the process's record of its waited-for children tells). CPU ÷ wall shows how many
 * cores a run kept busy, which is how a reader checks that two contenders had the same thread budget.
 *
 * @param seconds wall time
 * @param cpuSeconds the process's CPU time, or NaN where the JVM cannot tell
 */
public record Sample(double seconds, double cpuSeconds) {

	/** A run that does its work and returns nothing worth keeping. */
	@FunctionalInterface
	public interface Work {

		void run() throws Exception;

	}

	/** Times {@code work}: wall clock and process CPU, nothing before or after it. */
	public static Sample time(Work work) throws Exception {
		return timed(() -> {
			work.run();
			return null;
		}).sample();
	}

	/** Times {@code work} and keeps its value, for a check made after the clock stopped. */
	public static <T> Timed<T> timed(Callable<T> work) throws Exception {
		double cpuBefore = processCpuSeconds();
		long start = System.nanoTime();
		T value = work.call();
		long end = System.nanoTime();
		double cpuAfter = processCpuSeconds();
		return new Timed<>(value, new Sample((end - start) / 1e9, cpuAfter - cpuBefore));
	}

	/** A sample whose wall time comes from elsewhere (a job's own start and end times), without CPU time. */
	public static Sample of(double seconds) {
		return new Sample(seconds, Double.NaN);
	}

	/** Runs shorter than this say nothing of their cores: the process's CPU clock ticks too coarsely. */
	static final double SHORTEST_FOR_CORES = 0.05;

	/** Cores kept busy on average: CPU ÷ wall (NaN if unknown, or the run too short to tell). */
	public double cores() {
		return (this.seconds < SHORTEST_FOR_CORES) ? Double.NaN : this.cpuSeconds / this.seconds;
	}

	/**
	 * This process's CPU time and its ended children's: without the children, a reference that drives processes (bash
	 * and its openssl chains) showed 0.0 cores, and a job that drives the same ones only its own JVM's share.
	 */
	static double processCpuSeconds() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			long nanos = os.getProcessCpuTime();
			return (nanos < 0) ? Double.NaN : nanos / 1e9 + endedChildrenCpuSeconds();
		}
		return Double.NaN;
	}

	/** The clock ticks of {@code /proc}'s CPU times: USER_HZ, 100 on every Linux architecture Java runs on. */
	private static final double TICKS_PER_SECOND = 100;

	/**
	 * The CPU time of this process's children that have ended and been waited for (the JVM waits for every process it
	 * starts), with their own waited-for children's: {@code cutime} and {@code cstime} of {@code /proc/self/stat}; 0
	 * where there is no such file.
	 */
	static double endedChildrenCpuSeconds() {
		try {
			return childrenCpuSeconds(Files.readString(Path.of("/proc/self/stat")));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** {@code cutime + cstime} of a {@code /proc/PID/stat} line, in seconds. */
	static double childrenCpuSeconds(String stat) {
		// The command name, in parentheses, may hold spaces: the fields are counted from after its closing one.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
		// fields[0] is the state, field 3 of proc(5); cutime and cstime are fields 16 and 17.
		return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
	}

	/** A timed value. */
	public record Timed<T>(T value, Sample sample) {

	}

}
