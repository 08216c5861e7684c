package dev.fanout.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.Await;

import static org.assertj.core.api.Assertions.assertThat;

/** Ending a process tree leaves none of its processes, whatever they do with SIGTERM, and never waits forever. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessTreesTests {

	private static final int SIGTERM_EXIT = 128 + 15;

	private static final int SIGKILL_EXIT = 128 + 9;

	@TempDir
	Path directory;

	/** Every process a test started, killed after it if still there. */
	private final List<ProcessHandle> started = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.started.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void aTreeThatHonoursSigtermEndsWithinTheGraceWithAllItsDescendants() throws Exception {
		Process root = start("sleep 600 & sleep 600 & wait", 2);

		boolean gone = ProcessTrees.end(root.toHandle(), Duration.ofSeconds(30));

		assertThat(gone).isTrue();
		// Its children were listed before it died: once it is gone, they are init's and no longer its descendants.
		assertThat(running()).isEmpty();
		assertThat(exit(root)).as("ended by SIGTERM").isEqualTo(SIGTERM_EXIT);
	}

	@Test
	void aTreeThatIgnoresSigtermIsKilledOnceTheGraceHasPassed() throws Exception {
		// The ignored SIGTERM is inherited by the sleeps.
		Process root = start("trap '' TERM; sleep 600 & sleep 600 & wait", 2);
		Duration grace = Duration.ofMillis(500);
		long start = System.nanoTime();

		boolean gone = ProcessTrees.end(root.toHandle(), grace);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(grace);
		assertThat(gone).isTrue();
		assertThat(running()).isEmpty();
		assertThat(exit(root)).as("ended by SIGKILL").isEqualTo(SIGKILL_EXIT);
	}

	@Test
	void aZeroGraceKillsTheTreeAtOnce() throws Exception {
		Process root = start("sleep 600 & sleep 600 & wait", 2);

		boolean gone = ProcessTrees.end(root.toHandle(), Duration.ZERO);

		assertThat(gone).isTrue();
		assertThat(running()).isEmpty();
		assertThat(exit(root)).as("ended by SIGKILL, no SIGTERM first").isEqualTo(SIGKILL_EXIT);
	}

	/** A zombie counts as gone, but this JVM's own child is waited for until it is reaped: its Process says so. */
	@Test
	void aChildOfThisJvmIsReapedWhenTheEndReturns() throws Exception {
		for (int i = 0; i < 20; i++) {
			Process child = new ProcessBuilder("sleep", "600").start();

			assertThat(ProcessTrees.end(child.toHandle(), Duration.ZERO)).isTrue();

			assertThat(child.isAlive()).as("child %d", i).isFalse();
		}
	}

	@Test
	void aProcessStartedAfterTheTreeWasListedIsEndedToo() throws Exception {
		// SIGTERM makes the shell start another sleep, then wait for it: it ends once that sleep has. The pid is
		// written by builtins only: a process of the trap's own (an mv, once) is a member of the tree, which the end
		// signals too, and it died before writing in one CI run of many.
		Path late = this.directory.resolve("late");
		Process root = start("trap 'sleep 600 & echo \"$!.\" > %s' TERM; sleep 600 & wait; wait".formatted(late), 1);

		boolean gone = ProcessTrees.end(root.toHandle(), Duration.ofSeconds(10));

		Await.until("the late sleep's pid written", Duration.ofSeconds(10),
				() -> Files.exists(late) && Files.readString(late).strip().endsWith("."));
		long lateSleep = Long.parseLong(Files.readString(late).strip().replace(".", ""));
		ProcessHandle.of(lateSleep).ifPresent(this.started::add);
		assertThat(Processes.running(lateSleep)).as("the sleep started after the listing").isEmpty();
		assertThat(gone).isTrue();
		assertThat(exit(root)).as("the shell's own end, within the grace").isZero();
	}

	@Test
	void severalTreesEndTogether() throws Exception {
		Process first = start("sleep 600 & wait", 1);
		Process second = start("trap '' TERM; sleep 600 & wait", 1);

		boolean gone = ProcessTrees.end(List.of(first.toHandle(), second.toHandle()), Duration.ofMillis(200));

		assertThat(gone).isTrue();
		assertThat(running()).isEmpty();
		assertThat(exit(first)).isEqualTo(SIGTERM_EXIT);
		assertThat(exit(second)).isEqualTo(SIGKILL_EXIT);
	}

	@Test
	void anInterruptedThreadStillWaitsTheGraceEndsTheTreeAndKeepsItsInterrupt() throws Exception {
		Process root = start("trap '' TERM; sleep 600 & wait", 1);
		Duration grace = Duration.ofMillis(300);
		long start = System.nanoTime();
		Thread.currentThread().interrupt();

		boolean gone = ProcessTrees.end(root.toHandle(), grace);

		assertThat(Thread.interrupted()).as("the interrupt kept").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(grace);
		assertThat(gone).isTrue();
		assertThat(running()).isEmpty();
	}

	@Test
	void aProcessThatNeverEndsIsGivenUpOnAfterTheBoundedWaits() {
		Immortal immortal = new Immortal();

		boolean gone = ProcessTrees.end(List.of(immortal), Duration.ofMillis(100), Duration.ofMillis(200));

		assertThat(gone).isFalse();
		assertThat(immortal.terms).hasValue(1);
		assertThat(immortal.kills).hasValue(1);
	}

	/** Starts {@code bash -c script} and returns once it has {@code descendants} processes. */
	private Process start(String script, int descendants) throws Exception {
		Process root = new ProcessBuilder("bash", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.started.add(root.toHandle());
		Await.until("%d processes under %s".formatted(descendants, script), Duration.ofSeconds(10),
				() -> root.descendants().count() == descendants);
		root.descendants().forEach(this.started::add);
		return root;
	}

	/** The exit code of a root that {@link ProcessTrees#end} saw gone (its reaping by the JVM may lag a little). */
	private static int exit(Process root) throws InterruptedException {
		assertThat(root.waitFor(10, TimeUnit.SECONDS)).as("exited").isTrue();
		return root.exitValue();
	}

	/** The processes the test started that still run (a zombie does not). */
	private List<Long> running() {
		return this.started.stream()
			.map(ProcessHandle::pid)
			.filter((pid) -> Processes.running(pid).isPresent())
			.toList();
	}

	/** A process that survives every signal (as one stuck in the kernel does): never to be waited for forever. */
	private static final class Immortal implements ProcessHandle {

		final AtomicInteger terms = new AtomicInteger();

		final AtomicInteger kills = new AtomicInteger();

		@Override
		public long pid() {
			return Long.MAX_VALUE;
		}

		@Override
		public Optional<ProcessHandle> parent() {
			return Optional.empty();
		}

		@Override
		public Stream<ProcessHandle> children() {
			return Stream.empty();
		}

		@Override
		public Stream<ProcessHandle> descendants() {
			return Stream.empty();
		}

		@Override
		public Info info() {
			return ProcessHandle.current().info();
		}

		@Override
		public CompletableFuture<ProcessHandle> onExit() {
			return new CompletableFuture<>();
		}

		@Override
		public boolean supportsNormalTermination() {
			return true;
		}

		@Override
		public boolean destroy() {
			this.terms.incrementAndGet();
			return true;
		}

		@Override
		public boolean destroyForcibly() {
			this.kills.incrementAndGet();
			return true;
		}

		@Override
		public boolean isAlive() {
			return true;
		}

		@Override
		public int compareTo(ProcessHandle other) {
			return Long.compare(pid(), other.pid());
		}

	}

}
