package dev.fanout.jobs.openssl.chain;

import java.time.Duration;
import java.util.List;

/**
 * How one encrypt → hash chain ended.
 *
 * @param input the input's name
 * @param status whether the chain succeeded, failed or timed out
 * @param exitCodes the exit code of every process in the chain, in order (-1 where a process was killed)
 * @param inputBytes the input's size
 * @param cipherBytes the ciphertext's size
 * @param digestHex the digest of the ciphertext, hex (empty unless the chain succeeded)
 * @param duration how long the chain ran
 * @param problem what went wrong, in one line (empty on success)
 */
public record ChainResult(String input, Status status, List<Integer> exitCodes, long inputBytes, long cipherBytes,
		String digestHex, Duration duration, String problem) {

	public enum Status {

		OK, FAILED, TIMED_OUT

	}

}
