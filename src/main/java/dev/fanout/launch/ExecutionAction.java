package dev.fanout.launch;

import java.util.Locale;

/** What an operator may do to an execution: the CLI commands, API endpoints and dashboard buttons of these names. */
public enum ExecutionAction {

	STOP, RESTART, RECOVER, ABANDON;

	/** The action's name as the CLI, the API's paths and the dashboard's buttons spell it. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

}
