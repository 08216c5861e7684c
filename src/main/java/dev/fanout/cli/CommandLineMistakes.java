package dev.fanout.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What picocli refuses on a command line, said as Fanout says bad input: one line naming the mistake and where the
 * command's usage is, instead of picocli's message followed by the whole usage (or by "Did you mean" on a line of its
 * own). Every command goes through here: an unknown command or option, a missing or unexpected argument, a value that
 * is not a number or is out of its {@link Range}.
 */
final class CommandLineMistakes {

	private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, long.class, short.class, byte.class,
			Integer.class, Long.class, Short.class, Byte.class);

	private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class);

	private CommandLineMistakes() {
	}

	/** The line after {@code fanout: }. */
	static String describe(ParameterException ex) {
		CommandLine commandLine = ex.getCommandLine();
		String help = help(commandLine);
		if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
			return unmatched(unmatched, help);
		}
		if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
			return "'%s' needs %s; see %s".formatted(commandLine.getCommandSpec().qualifiedName(),
					missing.getMissing().stream().map(CommandLineMistakes::needed).collect(Collectors.joining(" and ")),
					help);
		}
		if (ex.getCause() instanceof CommandLine.TypeConversionException && ex.getArgSpec() != null) {
			if (isExecutionId(ex.getArgSpec())) {
				return "'%s' is not an execution id: give its number, as 'fanout history' lists them"
					.formatted(ex.getValue());
			}
			return invalidValue(ex.getArgSpec(), ex.getValue(), ex.getCause().getMessage()) + "; see " + help;
		}
		return sentence(ex.getMessage()) + "; see " + help;
	}

	/**
	 * Refuses the first option or parameter of the command line whose value is out of its {@link Range}, before the
	 * command runs.
	 * @throws ParameterException naming it, its value and the range
	 */
	static void checkRanges(ParseResult parseResult) {
		for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
			for (ArgSpec arg : result.matchedArgs()) {
				Bounds bounds = bounds(arg);
				if (range(arg) != null && bounds != null && arg.getValue() instanceof Number number
						&& (number.longValue() < bounds.min() || number.longValue() > bounds.max())) {
					List<String> given = arg.originalStringValues();
					String value = given.isEmpty() ? number.toString() : given.get(given.size() - 1);
					throw new ParameterException(result.commandSpec().commandLine(), invalidValue(arg, value, ""), arg,
							value);
				}
			}
		}
	}

	/** Where the usage of the command is: {@code 'fanout help run'}, or its {@code --help} below a subcommand. */
	static String help(CommandLine commandLine) {
		CommandLine parent = commandLine.getParent();
		if (parent == null) {
			return "'%s help'".formatted(commandLine.getCommandName());
		}
		if (parent.getParent() == null) {
			return "'%s help %s'".formatted(parent.getCommandName(), commandLine.getCommandName());
		}
		return "'%s --help'".formatted(commandLine.getCommandSpec().qualifiedName());
	}

	private static String unmatched(CommandLine.UnmatchedArgumentException ex, String help) {
		List<String> unmatched = ex.getUnmatched();
		String first = unmatched.isEmpty() ? "" : unmatched.get(0);
		String suggestions = suggestions(ex.getSuggestions());
		CommandLine commandLine = ex.getCommandLine();
		boolean root = commandLine.getParent() == null;
		String command = root ? "" : " for '" + commandLine.getCommandSpec().qualifiedName() + "'";
		if (ex.isUnknownOption()) {
			// --fanout.data-dir /srv: a setting written as an option with a value.
			String setting = first.contains(".") ? "; give settings as --name=value" : "";
			return "unknown option '%s'%s%s%s; see %s".formatted(first, command, suggestions, setting, help);
		}
		if (root) {
			return "unknown command '%s'%s; '%s help' lists the commands".formatted(first, suggestions,
					commandLine.getCommandName());
		}
		if (!commandLine.getSubcommands().isEmpty() && commandLine.getCommandSpec().positionalParameters().isEmpty()) {
			// bench nosuch: a command whose arguments are its subcommands takes this one for a subcommand.
			return "'%s' has no subcommand '%s'%s; it has: %s; see %s".formatted(
					commandLine.getCommandSpec().qualifiedName(), first, suggestions,
					String.join(", ", new TreeSet<>(commandLine.getSubcommands().keySet())), help);
		}
		return "unexpected argument%s %s%s; see %s".formatted((unmatched.size() > 1) ? "s" : "",
				unmatched.stream().map((arg) -> "'" + arg + "'").collect(Collectors.joining(" ")), command, help);
	}

	private static String suggestions(List<String> suggestions) {
		if (suggestions.isEmpty()) {
			return "";
		}
		return " (did you mean %s?)".formatted(suggestions.stream()
			.limit(2)
			.map((suggestion) -> "'" + suggestion + "'")
			.collect(Collectors.joining(" or ")));
	}

	/** A missing argument, as the command line wants it, and its description: {@code JOB, the job to run}. */
	private static String needed(ArgSpec arg) {
		String name = arg.paramLabel();
		if (arg instanceof OptionSpec option) {
			name = option.longestName() + (option.typeInfo().isBoolean() ? "" : "=" + option.paramLabel());
		}
		String[] description = arg.renderedDescription();
		return (description.length > 0 && !description[0].isBlank()) ? name + ", " + description[0] : name;
	}

	/** A value that is not of the argument's type, or out of its range, without the pointer to the usage. */
	private static String invalidValue(ArgSpec arg, String value, String refusal) {
		String name = (arg instanceof OptionSpec option) ? option.longestName() : arg.paramLabel();
		Bounds bounds = bounds(arg);
		if (bounds != null) {
			// A range is named when the option has one, or when the value is a number too large for its type.
			boolean named = range(arg) != null || value.strip().matches("[+-]?\\d+");
			return "%s '%s' is not a whole number%s".formatted(name, value,
					named ? " from %d to %d".formatted(bounds.min(), bounds.max()) : "");
		}
		if (NUMBERS.contains(arg.type())) {
			return "%s '%s' is not a number".formatted(name, value);
		}
		return "%s '%s' is refused: %s".formatted(name, value, refusal);
	}

	private static boolean isExecutionId(ArgSpec arg) {
		return arg.isPositional() && "EXECUTION_ID".equals(arg.paramLabel());
	}

	private static @Nullable Range range(ArgSpec arg) {
		return (arg.userObject() instanceof AnnotatedElement element) ? element.getAnnotation(Range.class) : null;
	}

	/** The whole numbers the argument takes: its type's, narrowed by its {@link Range}; null if not a whole number. */
	private static @Nullable Bounds bounds(ArgSpec arg) {
		Class<?> type = arg.type();
		if (!WHOLE_NUMBERS.contains(type)) {
			return null;
		}
		Bounds bounds = (type == int.class || type == Integer.class) ? new Bounds(Integer.MIN_VALUE, Integer.MAX_VALUE)
				: (type == short.class || type == Short.class) ? new Bounds(Short.MIN_VALUE, Short.MAX_VALUE)
						: (type == byte.class || type == Byte.class) ? new Bounds(Byte.MIN_VALUE, Byte.MAX_VALUE)
								: new Bounds(Long.MIN_VALUE, Long.MAX_VALUE);
		Range range = range(arg);
		return (range != null)
				? new Bounds(Math.max(bounds.min(), range.min()), Math.min(bounds.max(), range.max())) : bounds;
	}

	/** Picocli's message as part of Fanout's line: a capitalized first word in lower case, no full stop. */
	private static String sentence(String message) {
		String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
		if (line.endsWith(".")) {
			line = line.substring(0, line.length() - 1);
		}
		boolean capitalized = line.length() > 1 && Character.isUpperCase(line.charAt(0))
				&& Character.isLowerCase(line.charAt(1));
		return capitalized ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line;
	}

	private record Bounds(long min, long max) {
	}

}
