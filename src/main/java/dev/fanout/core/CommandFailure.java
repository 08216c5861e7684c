package dev.fanout.core;

/**
 * A refusal that the CLI reports as one clear message (no stack trace) with an exit code, and the API as a problem
 * detail with an HTTP status ({@link Kind}).
 */
public class CommandFailure extends RuntimeException {

	/** Why the command was refused; the CLI's exit code and the API's status follow from it. */
	public enum Kind {

		/** Wrong command line or parameters: exit code 2, HTTP 400. */
		USAGE(ExitCodes.USAGE, 400),

		/** An unknown job or execution: exit code 2 (a wrong argument to the CLI), HTTP 404. */
		NOT_FOUND(ExitCodes.USAGE, 404),

		/** The repository's state forbids it: exit code 4, HTTP 409. */
		CONFLICT(ExitCodes.CONFLICT, 409),

		/** This process cannot take it now (e.g. every launch thread of the server is busy): exit 1, HTTP 503. */
		UNAVAILABLE(ExitCodes.FAILED, 503);

		private final int exitCode;

		private final int httpStatus;

		Kind(int exitCode, int httpStatus) {
			this.exitCode = exitCode;
			this.httpStatus = httpStatus;
		}

		/** The status the API and the dashboard answer with. */
		public int httpStatus() {
			return this.httpStatus;
		}

	}

	private final Kind kind;

	private final String apiMessage;

	private final String pageMessage;

	public CommandFailure(Kind kind, String message) {
		this(kind, message, message);
	}

	/** @param apiMessage the same refusal for the API, when the message names CLI commands that do not apply there */
	public CommandFailure(Kind kind, String message, String apiMessage) {
		this(kind, message, apiMessage, message);
	}

	/**
	 * @param apiMessage the same refusal for the API, when the message names CLI commands that do not apply there
	 * @param pageMessage the same for the dashboard's pages, which link to where to go next themselves
	 */
	public CommandFailure(Kind kind, String message, String apiMessage, String pageMessage) {
		super(message);
		this.kind = kind;
		this.apiMessage = apiMessage;
		this.pageMessage = pageMessage;
	}

	public static CommandFailure usage(String message) {
		return new CommandFailure(Kind.USAGE, message);
	}

	public static CommandFailure notFound(String message) {
		return new CommandFailure(Kind.NOT_FOUND, message);
	}

	/**
	 * Not found, with what the CLI's user and what the API's client should do next; the dashboard's page says what is
	 * missing alone.
	 */
	public static CommandFailure notFound(String message, String apiMessage, String pageMessage) {
		return new CommandFailure(Kind.NOT_FOUND, message, apiMessage, pageMessage);
	}

	public static CommandFailure conflict(String message) {
		return new CommandFailure(Kind.CONFLICT, message);
	}

	/** The refusal as the API words it: the message, unless it advises CLI commands. */
	public String apiMessage() {
		return this.apiMessage;
	}

	/** The refusal as a dashboard page words it: the message, unless it advises CLI commands or API calls. */
	public String pageMessage() {
		return this.pageMessage;
	}

	public Kind kind() {
		return this.kind;
	}

	public int exitCode() {
		return this.kind.exitCode;
	}

}
