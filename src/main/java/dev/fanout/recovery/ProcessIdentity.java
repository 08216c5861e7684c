package dev.fanout.recovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.Processes;

/**
 * A process that owns executions: its host name (for people), its node (where its process id means something), its
 * process id and start instant. The node is unique per machine, boot and process-id namespace: two machines or two
 * containers that share a host name are different nodes, so neither takes the other's live process for a dead one of
 * its own. The start instant tells a live owner from an unrelated process that reused its id after it died.
 *
 * @param node {@code null} for records written before nodes were recorded: the host name decides then
 */
public record ProcessIdentity(String host, @Nullable String node, long pid, @Nullable Instant start) {

	/** The kernel reports start times in clock ticks; two JVMs may round them differently. */
	private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

	private static final ProcessIdentity CURRENT = new ProcessIdentity(hostName(), thisNode(),
			ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant().orElse(null));

	public static ProcessIdentity current() {
		return CURRENT;
	}

	/** Whether this identity names a process of this node (where its liveness can be checked directly). */
	public boolean onThisHost() {
		return (this.node != null) ? this.node.equals(CURRENT.node) : this.host.equals(CURRENT.host);
	}

	/** Whether this identity names the process that asks. */
	public boolean isThisProcess() {
		return this.pid == CURRENT.pid && onThisHost();
	}

	/**
	 * For a process of this host: whether it still runs (the same process, not a reuse of its id; a killed one not yet
	 * reaped does not: {@link Processes}).
	 */
	public boolean isAlive() {
		Optional<ProcessHandle> handle = Processes.running(this.pid);
		if (handle.isEmpty()) {
			return false;
		}
		Instant actual = handle.get().info().startInstant().orElse(null);
		return this.start == null || actual == null
				|| Duration.between(this.start, actual).abs().compareTo(START_TOLERANCE) <= 0;
	}

	@Override
	public String toString() {
		return "process " + this.pid + " on " + this.host;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String fromEnvironment = System.getenv("HOSTNAME");
			return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : "localhost";
		}
	}

	/**
	 * A digest of the machine id, the boot id and the process-id namespace (Linux); of the host name alone where
	 * none of them can be read.
	 */
	static String thisNode() {
		String machine = read(Path.of("/etc/machine-id")) + "/" + read(Path.of("/proc/sys/kernel/random/boot_id")) + "/"
				+ link(Path.of("/proc/self/ns/pid"));
		String identity = machine.equals("//") ? "host:" + hostName() : machine;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	private static String link(Path link) {
		try {
			return Objects.toString(Files.readSymbolicLink(link), "");
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
