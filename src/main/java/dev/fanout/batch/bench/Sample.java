package dev.fanout.batch.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * One timed run: its wall time and the CPU time the whole process used meanwhile (every thread, the JIT and the
 * garbage collector included; processes it started, such as openssl, are not counted). CPU ÷ wall shows how many
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

	static double processCpuSeconds() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			long nanos = os.getProcessCpuTime();
			return (nanos < 0) ? Double.NaN : nanos / 1e9;
		}
		return Double.NaN;
	}

	/** A timed value. */
	public record Timed<T>(T value, Sample sample) {

	}

}
