package dev.fanout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fanout.cli.FanoutCommandLine;

/** What one CLI command printed and returned. */
public record CommandResult(int exitCode, String out, String err) {

	private static final Pattern STARTED = Pattern.compile("Started execution (\\d+)");

	/** Runs one command in-process, as {@code main} does, capturing its output. */
	public static CommandResult of(FanoutCommandLine commandLine, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = commandLine.execute(args, new PrintWriter(out), new PrintWriter(err), false);
		return new CommandResult(exitCode, out.toString(), err.toString());
	}

	/** The id in the "Started execution N" line that {@code run} and {@code restart} print. */
	public long executionId() {
		Matcher matcher = STARTED.matcher(this.out);
		if (!matcher.find()) {
			throw new AssertionError("no execution started:\n" + this);
		}
		return Long.parseLong(matcher.group(1));
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
	}

}
