package dev.fanout.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Processes of this machine as Fanout judges them: alive while they run. {@link ProcessHandle#isAlive} also counts a
 * zombie, a process that ended (killed with kill -9, say) and stays in the process table until its parent reaps it,
 * a while later on a loaded machine: a killed owner or repository server looked alive meanwhile.
 */
public final class Processes {

	private Processes() {
	}

	/** The process, if it runs: present in the process table and not a zombie. */
	public static Optional<ProcessHandle> running(long pid) {
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter((process) -> !zombie(process.pid()));
	}

	/** Whether the process is a zombie, by its state in {@code /proc/<pid>/stat} (Linux); false where none says so. */
	static boolean zombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			int name = stat.lastIndexOf(')'); // the command's name, in parentheses, may hold spaces and parentheses
			return name > 0 && name + 2 < stat.length() && stat.charAt(name + 2) == 'Z';
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
