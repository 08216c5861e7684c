package dev.fanout;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the machinery only {@code serve} uses out of every other command's start: web server and MVC, security,
 * Thymeleaf, springdoc, Actuator (endpoints, health, metrics and observations, which nothing exports outside
 * {@code serve}). Without it a {@code history} evaluated and created them all, for nothing, in its start-up time.
 * Decided on {@code spring.main.web-application-type}: {@code none} for every command but {@code serve}
 * ({@link FanoutApplication#SERVE_PROPERTIES}); registered in {@code META-INF/spring.factories}.
 * <p>
 * Fanout's own beans take a meter registry as optional ({@code ObjectProvider}), so jobs run the same without one.
 */
public class CommandLineAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Packages of auto-configurations that serve alone needs. */
	static final List<String> SERVE_ONLY = List.of("org.springframework.boot.actuate.",
			"org.springframework.boot.micrometer.", "org.springframework.boot.health.",
			"org.springframework.boot.batch.autoconfigure.observation.", "org.springframework.boot.jdbc.autoconfigure.metrics.",
			"org.springframework.boot.jdbc.autoconfigure.health.", "org.springframework.boot.security.",
			"org.springframework.boot.thymeleaf.", "org.springdoc.", "org.springframework.boot.webmvc.",
			"org.springframework.boot.servlet.", "org.springframework.boot.tomcat.",
			"org.springframework.boot.http.converter.");

	/** Written by Spring ({@link #setEnvironment}) before it calls {@link #match}, on the same thread: not shared. */
	private boolean commandLine;

	@Override
	public void setEnvironment(Environment environment) {
		this.commandLine = "none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type", ""));
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = name == null || !this.commandLine || SERVE_ONLY.stream().noneMatch(name::startsWith);
		}
		return matches;
	}

}
