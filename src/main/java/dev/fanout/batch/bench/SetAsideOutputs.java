package dev.fanout.batch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.InstanceFiles;
import dev.fanout.batch.JobOutputs;

/**
 * The outputs of a bench's earlier runs, moved out of the next run's way and deleted when the bench ends, after its
 * last timed run; a bench never deletes files while it times a contender, nor leaves its runs' outputs behind. Deleting
 * a thousand images just before a run made the run create its files among a thousand inodes freed a moment before: on
 * ext4 without a journal (the root file system of these machines) every new file's inode is found only after checking
 * each inode freed in the last minute or more (the kernel's {@code find_inode_bit} and {@code recently_deleted}). A
 * CPU profile of {@code bench images} put ~6 s of kernel time in those checks, taken from the contenders' two cores
 * while they were timed. A move frees no inode.
 * <p>
 * Used by the bench's one thread only.
 */
public final class SetAsideOutputs implements AutoCloseable {

	private final Path directory;

	private int moved;

	/** {@code directory} is emptied first: what an interrupted bench set aside. */
	public SetAsideOutputs(Path directory) throws IOException {
		this.directory = directory;
		InstanceFiles.delete(directory);
	}

	/** Moves {@code output} (a file or directory) aside, if it exists, so that the next run writes a new one. */
	public void moveAside(Path output) throws IOException {
		if (Files.exists(output)) {
			Files.createDirectories(this.directory);
			Files.move(output, this.directory.resolve(Integer.toString(++this.moved)));
		}
	}

	/** Moves aside the files and directories a job run gave as its outputs ({@link JobOutputs}); a URL stays. */
	public void moveAsideOutputsOf(JobExecution execution) throws IOException {
		for (String output : JobOutputs.of(execution)) {
			if (!output.contains("://")) {
				moveAside(Path.of(output));
			}
		}
	}

	@Override
	public void close() throws IOException {
		InstanceFiles.delete(this.directory);
	}

}
