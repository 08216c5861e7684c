package dev.fanout;

import java.net.URL;
import java.security.CodeSource;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;

/**
 * Whether a start uses the context that the build generated (Spring AOT: bean definitions as code, configuration
 * classes enhanced at build time), which skips parsing the configuration classes, scanning for components and
 * evaluating conditions: a {@code run factorize} starts ~0.4 s sooner. The build generates it for Fanout's defaults,
 * so a start uses it only where that gives the same beans as a normal start would:
 * <ul>
 * <li>the application runs from a jar, which the build made together with the generated classes (classes compiled
 * by an IDE into {@code target/classes} could be newer than the generated ones);</li>
 * <li>the environment gives every property that a condition read at build time the same value
 * ({@link ConditionInputs}): {@code serve}, {@code worker}, PostgreSQL, remote workers or any other setting that
 * changes the bean set start normally;</li>
 * <li>the operator has not decided otherwise: {@code fanout.generated-context=false} (a setting like any other:
 * command line, environment, config/application.yml) turns it off, and {@code -Dspring.aot.enabled} set either way is
 * obeyed as it stands.</li>
 * </ul>
 */
final class GeneratedContext {

	/** Whether starts may use the generated context at all (default true). */
	static final String SETTING = "fanout.generated-context";

	private GeneratedContext() {
	}

	/**
	 * Called once the environment is prepared and before the context is created (Spring reads the flag then): turns
	 * the generated context on for this start if it fits. The flag then holds for the rest of the process, as Spring
	 * expects of it (a proxy class made at run time would otherwise clash with the one the build made); the process
	 * runs one command and exits.
	 */
	static void useIfItFits(Environment environment) {
		if (System.getProperty(AotDetector.AOT_ENABLED) == null && fits(environment, FanoutApplication.class)) {
			SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		}
	}

	static boolean fits(Environment environment, Class<?> application) {
		if (!environment.getProperty(SETTING, Boolean.class, true) || !fromJar(application)) {
			return false;
		}
		ConditionInputs inputs = ConditionInputs.load(application.getClassLoader());
		return inputs != null && inputs.agreeWith(environment);
	}

	private static boolean fromJar(Class<?> application) {
		CodeSource source = application.getProtectionDomain().getCodeSource();
		return fromJar((source != null) ? source.getLocation() : null);
	}

	/** A jar of its own (target/fanout-builds/{build}/fanout.jar), or Boot's jar (jar:nested:...!BOOT-INF/...). */
	static boolean fromJar(@Nullable URL location) {
		return location != null && ("jar".equals(location.getProtocol()) || location.getPath().endsWith(".jar"));
	}

}
