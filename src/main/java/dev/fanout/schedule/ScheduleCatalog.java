package dev.fanout.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.core.SettingOrigins;
import dev.fanout.launch.Launcher;

/**
 * The configured schedules, checked: unique names, known jobs, valid cron expressions that fire and zones, and
 * parameters the job accepts (its {@link JobDescription}). Checked on first use rather than at start-up, so that a
 * broken schedule fails {@code serve} and {@code schedules} with one message but never {@code history} or {@code run}.
 */
@Component
public class ScheduleCatalog {

	private static final ConfigurationPropertyName SCHEDULES = ConfigurationPropertyName.of("fanout.schedules");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");

	private final SchedulesProperties properties;

	private final Launcher launcher;

	private final Environment environment;

	/** The checked schedules, computed once; guarded by {@code this}. */
	private @Nullable List<Schedule> schedules;

	/** @param environment where the schedules were given: problems name it */
	public ScheduleCatalog(SchedulesProperties properties, Launcher launcher, Environment environment) {
		this.properties = properties;
		this.launcher = launcher;
		this.environment = environment;
	}

	/**
	 * The schedules, in configuration order.
	 * @throws InvalidSchedulesException naming every problem found
	 */
	public synchronized List<Schedule> schedules() {
		if (this.schedules == null) {
			List<String> problems = new ArrayList<>();
			List<Schedule> checked = new ArrayList<>();
			Set<String> names = new HashSet<>();
			List<ScheduleProperties> entries = this.properties.schedules();
			for (int i = 0; i < entries.size(); i++) {
				ScheduleProperties entry = entries.get(i);
				String where = "fanout.schedules[%d]%s".formatted(i, (entry.name() != null) ? " (" + entry.name() + ")" : "");
				try {
					if (entry.name() != null && !names.add(entry.name().strip())) {
						throw new IllegalArgumentException("the name '%s' is used twice; names must be unique"
							.formatted(entry.name().strip()));
					}
					checked.add(check(entry));
				}
				catch (IllegalArgumentException ex) {
					problems.add(where + ": " + ex.getMessage());
				}
			}
			if (!problems.isEmpty()) {
				throw new InvalidSchedulesException(problems, where(this.environment));
			}
			this.schedules = List.copyOf(checked);
		}
		return this.schedules;
	}

	/**
	 * Where {@code fanout.schedules} was given: the first property source that has entries of it, as Boot's binder
	 * binds a list from one source alone (the command line, a variable, a file: the first that has any). Empty when
	 * no source is known (schedules bound by other means than an environment).
	 */
	static String where(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return "";
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			ConfigurationProperty given = source.getConfigurationProperty(SCHEDULES);
			if (given == null && source instanceof IterableConfigurationPropertySource names) {
				given = names.stream()
					.filter(SCHEDULES::isAncestorOf)
					.findFirst()
					.map(source::getConfigurationProperty)
					.orElse(null);
			}
			if (given != null) {
				return SettingOrigins.source(given.getOrigin());
			}
		}
		return "";
	}

	private Schedule check(ScheduleProperties entry) {
		String name = required(entry.name(), "name");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(("name '%s' must be 1-60 letters, digits, '.', '_' or '-', starting "
					+ "with a letter or digit").formatted(name));
		}
		String jobName = required(entry.job(), "job");
		JobDescription<?> description = description(jobName);
		String cron = required(entry.cron(), "cron").strip();
		CronExpression expression;
		try {
			expression = CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(("cron '%s': %s (six fields: second minute hour day-of-month month "
					+ "day-of-week, e.g. '0 0 2 * * *' for 02:00 every day)").formatted(cron, ex.getMessage()));
		}
		ZoneId zone = zone(entry.zone());
		// Spring's cron has no year: one that has no next firing has none at all, and would be listed as 'never'.
		if (expression.next(ZonedDateTime.now(zone)) == null) {
			throw new IllegalArgumentException(("cron '%s' never fires: no day matches its day-of-month, month and "
					+ "day-of-week (such as February 30th)").formatted(cron));
		}
		Misfire misfire = Misfire.parse(entry.misfire());
		Map<String, String> given = new LinkedHashMap<>((entry.parameters() != null) ? entry.parameters() : Map.of());
		if (given.containsKey(JobDescription.RUN_ID)) {
			throw new IllegalArgumentException(JobDescription.RUN_ID + " is reserved: each firing sets it to "
					+ "<name>@<scheduled time>");
		}
		Schedule schedule = new Schedule(name, jobName, cron, expression, zone, misfire, Map.copyOf(given),
				description.withDefaults(given));
		validate(schedule, description);
		return schedule;
	}

	/**
	 * The job's own checks, as a first launch makes them: unknown names, values, then its inputs, tools and settings.
	 * Each firing's launch checks again: an input may change between start-up and a firing.
	 */
	private void validate(Schedule schedule, JobDescription<?> description) {
		try {
			// As every launch is checked (Launcher#parameters): a firing would otherwise fail half-way, leaving an
			// instance without an execution, or keep a control character in the repository.
			description.checkGiven(schedule.launchParameters());
			description.forLaunch(schedule.jobParameters(Instant.EPOCH), LaunchKind.FIRST);
		}
		catch (InvalidJobParametersException | IOException | UncheckedIOException ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
	}

	private JobDescription<?> description(String jobName) {
		return this.launcher.descriptions().stream().filter((d) -> d.jobName().equals(jobName)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown job '%s'; jobs: %s".formatted(jobName,
					String.join(", ", this.launcher.descriptions().stream().map(JobDescription::jobName).toList()))));
	}

	private static ZoneId zone(@Nullable String zone) {
		if (zone == null || zone.isBlank()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(zone.strip());
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("zone '%s' is not a time zone; use a region such as Europe/Berlin, or UTC"
				.formatted(zone));
		}
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'%s' is missing".formatted(field));
		}
		return value.strip();
	}

}
