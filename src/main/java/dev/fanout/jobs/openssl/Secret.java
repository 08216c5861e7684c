package dev.fanout.jobs.openssl;

/**
 * The encryption password and the name of the environment variable that carries it to {@code openssl enc}
 * ({@code -pass env:NAME}). It is never a job parameter (those are stored in the repository), never on a command
 * line, and never printed: {@link #toString()} hides it.
 */
public record Secret(String variable, String value) {

	@Override
	public String toString() {
		return "Secret[variable=" + this.variable + ", value=******]";
	}

}
