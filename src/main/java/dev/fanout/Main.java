package dev.fanout;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point: checks the Java version before any of Fanout's classes load, then runs
 * {@code FanoutApplication}. It is compiled for Java 8 (a separate compiler execution in pom.xml) so that an older
 * JDK gets a one-line answer instead of an {@code UnsupportedClassVersionError} stack trace. It therefore uses no API
 * newer than Java 8, and reaches the application only by reflection: a direct reference would still compile, but
 * would tie this class to the application's.
 */
public final class Main {

	static final int REQUIRED = 21;

	private static final String APPLICATION = "dev.fanout.FanoutApplication";

	private Main() {
	}

	public static void main(String[] args) throws Throwable {
		String refusal = refusal(feature(System.getProperty("java.specification.version")),
				System.getProperty("java.home"));
		if (refusal != null) {
			System.err.println(refusal);
			System.exit(1);
			return;
		}
		try {
			Class.forName(APPLICATION).getMethod("main", String[].class).invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause(); // the application's own failure, as if it had been called directly
		}
	}

	/**
	 * What to tell the operator when this Java is too old, or {@code null} when it will do.
	 * @param feature the Java version's feature number (8, 17, 21...)
	 * @param javaHome where this Java is installed
	 */
	static String refusal(int feature, String javaHome) {
		if (feature >= REQUIRED) {
			return null;
		}
		return "fanout: needs Java " + REQUIRED + " or newer, this is Java " + feature + " (" + javaHome + "); install a JDK "
				+ REQUIRED + "+ (e.g. Temurin, https://adoptium.net) and run the jar with its bin/java, or set JAVA_HOME "
				+ "to it for target/fanout";
	}

	/** The feature number of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
	static int feature(String specificationVersion) {
		String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
		int dot = version.indexOf('.');
		try {
			return Integer.parseInt((dot < 0) ? version : version.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return REQUIRED; // unreadable: let the JVM itself decide whether the application's classes load
		}
	}

}
