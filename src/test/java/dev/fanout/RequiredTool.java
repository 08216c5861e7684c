package dev.fanout;

import org.junit.jupiter.api.Assumptions;

/**
 * A machine tool that some tests need (Chromium, systemd-analyze): without it those tests are skipped on a
 * developer's machine, and fail under CI ({@code CI=true}, as CI services set it), where a skip would let the build
 * pass without them.
 */
public final class RequiredTool {

	private RequiredTool() {
	}

	/**
	 * Returns when the tool is installed; fails under CI, else skips (a JUnit assumption).
	 * @param ci the value of the {@code CI} variable
	 * @param missing what is missing and how to install it
	 */
	public static void require(boolean installed, String ci, String missing) {
		if (installed) {
			return;
		}
		if ("true".equalsIgnoreCase(ci)) {
			throw new IllegalStateException("CI=true and " + missing);
		}
		Assumptions.abort(missing + " (skipped; under CI=true this fails)");
	}

}
