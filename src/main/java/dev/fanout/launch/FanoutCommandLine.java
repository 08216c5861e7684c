package dev.fanout.launch;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import dev.fanout.system.ReadableFailures;
import picocli.CommandLine;

/**
 * Runs one CLI command: parses the arguments with picocli, creating commands as Spring beans, and maps failures to one
 * message on standard error and an exit code.
 */
@Component
public class FanoutCommandLine {

	private static final Logger logger = LoggerFactory.getLogger(FanoutCommandLine.class);

	/** {@code --spring.profiles.active=x}, {@code --fanout.data-dir=y}: properties for Spring, not commands. */
	private static final Pattern SPRING_PROPERTY = Pattern.compile("--[\\w-]+(\\.[\\w-]+)+=.*");

	private final ApplicationContext context;

	public FanoutCommandLine(ApplicationContext context) {
		this.context = context;
	}

	public int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
		FanoutCommand root = this.context.getBean(FanoutCommand.class);
		root.terminal = terminal;
		CommandLine commandLine = new CommandLine(root, this::create);
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			if (ex instanceof CommandFailure failure) {
				cmd.getErr().println("fanout: " + failure.getMessage());
				return failure.exitCode();
			}
			logger.error("Command failed", ex);
			cmd.getErr().println("fanout: " + ReadableFailures.describe(ex) + " (details in the log file)");
			return ExitCodes.FAILED;
		});
		int exitCode = commandLine.execute(withoutSpringProperties(args));
		out.flush();
		err.flush();
		return exitCode;
	}

	/** Whether standard output is an interactive terminal (JDK 22+ returns a console even for pipes). */
	public static boolean stdoutIsTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	public static String[] withoutSpringProperties(String[] args) {
		return Arrays.stream(args).filter((arg) -> !SPRING_PROPERTY.matcher(arg).matches()).toArray(String[]::new);
	}

	private <K> K create(Class<K> type) throws Exception {
		try {
			return this.context.getBean(type);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return CommandLine.defaultFactory().create(type);
		}
	}

}
