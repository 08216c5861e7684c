package dev.fanout.launch;

/**
 * A failure the CLI reports as one clear message (no stack trace) with a specific exit code.
 */
public class CommandFailure extends RuntimeException {

	private final int exitCode;

	public CommandFailure(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public static CommandFailure usage(String message) {
		return new CommandFailure(ExitCodes.USAGE, message);
	}

	public static CommandFailure conflict(String message) {
		return new CommandFailure(ExitCodes.CONFLICT, message);
	}

	public int exitCode() {
		return this.exitCode;
	}

}
