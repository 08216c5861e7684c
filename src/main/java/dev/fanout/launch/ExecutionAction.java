package dev.fanout.launch;

import java.util.Locale;

/** What an operator may do to an execution: the CLI commands, API endpoints and dashboard buttons of these names. */
public enum ExecutionAction {

	STOP, RESTART, RECOVER, ABANDON;

	/** The action's name as the CLI, the API's paths and the dashboard's buttons spell it. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The dashboard's button: {@code Stop}, {@code Restart}... */
	public String button() {
		return name().charAt(0) + word().substring(1);
	}

	/** What the API is sent for it: {@code POST /api/executions/7/stop}. */
	public String request(long executionId) {
		return "POST /api/executions/%d/%s".formatted(executionId, word());
	}

}
