package dev.fanout;

/** What one CLI command printed and returned. */
public record CommandResult(int exitCode, String out, String err) {

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
	}

}
