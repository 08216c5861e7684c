package dev.fanout;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} as {@code ss -ltnp} does: the socket inodes
 * among its file descriptors, matched with the LISTEN rows of {@code /proc/net/tcp} and {@code /proc/net/tcp6}.
 */
public final class ListeningSockets {

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	/** The local addresses ({@code address:port}) the process listens on. */
	public static List<String> of(long pid) throws IOException {
		Set<String> inodes = socketInodes(pid);
		List<String> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			// Read once: the table changes as sockets open and close, and two reads of it differ in length.
			List<String> rows = Files.readAllLines(Path.of(table));
			for (String line : rows.subList(1, rows.size())) {
				String[] fields = line.trim().split("\\s+");
				if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
					addresses.add(address(fields[1]));
				}
			}
		}
		return addresses;
	}

	private static Set<String> socketInodes(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		return inodes;
	}

	/** {@code 0100007F:1F90} → {@code 127.0.0.1:8080}; the kernel prints each 32-bit word in host (little-endian) order. */
	private static String address(String field) throws IOException {
		String[] parts = field.split(":");
		byte[] raw = HexFormat.of().parseHex(parts[0]);
		for (int word = 0; word < raw.length; word += 4) {
			for (int i = 0; i < 2; i++) {
				byte b = raw[word + i];
				raw[word + i] = raw[word + 3 - i];
				raw[word + 3 - i] = b;
			}
		}
		return InetAddress.getByAddress(raw).getHostAddress() + ":" + new BigInteger(parts[1], 16);
	}

	/** Whether an address printed by {@link #of} is on the loopback interface (IPv4, IPv6, or IPv4-mapped). */
	public static boolean isLoopback(String address) throws IOException {
		String host = address.substring(0, address.lastIndexOf(':'));
		return InetAddress.getByName(host).isLoopbackAddress() || host.equals("0:0:0:0:0:ffff:7f00:1");
	}

}
