package dev.fanout.remote;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A request to run one partition, as it travels through the broker: the text {@code <stepName> <stepExecutionId>}
 * (Spring AMQP refuses Java-serialized messages, and text can be read by people in the broker's console).
 */
record PartitionRequest(String stepName, long stepExecutionId) {

	/**
	 * More bytes than any request's text has (a step name of at most 100 characters, a space, an id of at most 18
	 * digits, some surrounding whitespace): a longer message is not read at all.
	 */
	static final int MAX_BYTES = 256;

	private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9_.-]{1,100}) ([0-9]{1,18})");

	static PartitionRequest of(StepExecutionRequest request) {
		return new PartitionRequest(request.getStepName(), request.getStepExecutionId());
	}

	String text() {
		return this.stepName + " " + this.stepExecutionId;
	}

	/** The request in a message's text, or empty if the text is not one. */
	static Optional<PartitionRequest> parse(String text) {
		Matcher matcher = TEXT.matcher(text.strip());
		return matcher.matches()
				? Optional.of(new PartitionRequest(matcher.group(1), Long.parseLong(matcher.group(2))))
				: Optional.empty();
	}

	@Override
	public String toString() {
		return "partition " + this.stepExecutionId + " of step " + this.stepName;
	}

}
