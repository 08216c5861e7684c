package dev.fanout.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.fanout.batch.ConnectionFailures;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs one CLI command: parses the arguments with picocli, creating commands as Spring beans, and maps failures to one
 * message on standard error and an exit code.
 */
@Component
public class FanoutCommandLine {

	private static final Logger logger = LoggerFactory.getLogger(FanoutCommandLine.class);

	/**
	 * {@code --spring.profiles.active=x}, {@code --fanout.data-dir=y}, {@code --fanout.schedules[0].job=z}: properties
	 * for Spring, not commands. An index or map key in brackets is part of a name as Spring Boot reads it: without
	 * them, a schedule given on the command line was refused as an unknown option of the command.
	 */
	private static final Pattern SPRING_PROPERTY = Pattern
		.compile("--[\\w-]+(\\[[^\\]=]*\\])*(\\.[\\w-]+(\\[[^\\]=]*\\])*)+=.*");

	/** The subcommands that need all the others beside them. */
	private static final Set<Class<?>> ABOUT_ALL = Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

	private final ApplicationContext context;

	public FanoutCommandLine(ApplicationContext context) {
		this.context = context;
	}

	public int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
		FanoutCommand root = this.context.getBean(FanoutCommand.class);
		root.terminal = terminal;
		CommandLine commandLine = new CommandLine(root, this::create);
		for (Class<?> type : subcommands(withoutSpringProperties(args))) {
			CommandLine subcommand = new CommandLine(type, this::create);
			if (type == BenchCommand.class) {
				addBenchmarks(subcommand);
			}
			commandLine.addSubcommand(subcommand.getCommandName(), subcommand);
		}
		return execute(commandLine, args, out, err, this.context.getEnvironment());
	}

	/**
	 * The subcommand that a command line names, alone: picocli's model of all of them (each a bean, its annotations
	 * read by reflection) cost every start of a command ~0.1 s on a slow machine. All of them when the line names
	 * none (the usage lists them, and an unknown command gets suggestions from them), or names {@code completion},
	 * whose script covers them all, or {@code help}, which shows any of them.
	 */
	static List<Class<?>> subcommands(String[] args) {
		if (args.length > 0) {
			for (Class<?> type : FanoutCommand.SUBCOMMANDS) {
				if (!ABOUT_ALL.contains(type) && type.getAnnotation(Command.class).name().equals(args[0])) {
					return List.of(type);
				}
			}
		}
		return FanoutCommand.SUBCOMMANDS;
	}

	/**
	 * Runs a command line with Fanout's failure handling: one message on standard error and an exit code.
	 * {@code environment} names the repository in what a command says when it could not use it.
	 */
	static int execute(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err,
			@Nullable Environment environment) {
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			if (ex instanceof CommandFailure failure) {
				cmd.getErr().println("fanout: " + failure.getMessage());
				return failure.exitCode();
			}
			logger.error("Command failed", ex);
			Optional<StartFailures.StartFailure> unreachable = RepositoryFailures.inCommand(ex, environment);
			if (unreachable.isPresent()) {
				cmd.getErr().println("fanout: " + unreachable.get().message());
				return unreachable.get().exitCode();
			}
			String failure = ConnectionFailures.lost(ex) ? ConnectionFailures.LOST + "; run the command again"
					: ConnectionFailures.noAnswer(ex) ? ConnectionFailures.NO_ANSWER + "; run the command again"
							: ReadableFailures.describe(ex);
			cmd.getErr().println("fanout: " + failure + " (details in the log file)");
			return ExitCodes.FAILED;
		});
		// Every mistake picocli finds, and every value out of its range, as one line (CommandLineMistakes).
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			ex.getCommandLine().getErr().println("fanout: " + CommandLineMistakes.describe(ex));
			return ExitCodes.USAGE;
		});
		commandLine.setExecutionStrategy((parseResult) -> {
			CommandLineMistakes.checkRanges(parseResult);
			return new CommandLine.RunLast().execute(parseResult);
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

	/**
	 * The refusal of a setting given more than once on the command line, if one is: Spring Boot would join the values
	 * with commas into one, and {@code --fanout.data-dir=/a --fanout.data-dir=/b} would make a directory named
	 * {@code /a,/b}. Names only: a value may be a secret.
	 */
	public static Optional<String> repeatedSetting(String[] args) {
		Map<String, Integer> given = new LinkedHashMap<>();
		for (String arg : args) {
			if (SPRING_PROPERTY.matcher(arg).matches()) {
				given.merge(arg.substring(2, arg.indexOf('=')), 1, Integer::sum);
			}
		}
		return given.entrySet()
			.stream()
			.filter((setting) -> setting.getValue() > 1)
			.findFirst()
			.map((setting) -> ("setting %s is given %d times on the command line; give it once (a list as one "
					+ "comma-separated value)").formatted(setting.getKey(), setting.getValue()));
	}

	public static String[] withoutSpringProperties(String[] args) {
		return Arrays.stream(args).filter((arg) -> !SPRING_PROPERTY.matcher(arg).matches()).toArray(String[]::new);
	}

	/** The jobs' benchmarks, discovered as beans, become the subcommands of {@code bench}, sorted by name. */
	private void addBenchmarks(CommandLine bench) {
		this.context.getBeansOfType(JobBenchmark.class).values().stream()
			.map(benchmark -> new CommandLine(benchmark, this::create))
			.sorted(Comparator.comparing(CommandLine::getCommandName))
			.forEach(benchmark -> bench.addSubcommand(benchmark.getCommandName(), benchmark));
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
