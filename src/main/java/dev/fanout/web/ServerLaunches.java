package dev.fanout.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.launch.BackgroundLaunches;

/** The background launches of {@code serve}, or a 503 in a web application that does not serve jobs. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServerLaunches {

	private final ObjectProvider<BackgroundLaunches> launches;

	ServerLaunches(ObjectProvider<BackgroundLaunches> launches) {
		this.launches = launches;
	}

	BackgroundLaunches get() {
		BackgroundLaunches background = this.launches.getIfAvailable();
		if (background == null) {
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, "this server runs no jobs (fanout.serving is off)");
		}
		return background;
	}

}
