package dev.fanout.history;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Times in JSON (the API, {@code --json}) as ISO-8601 with the offset, {@code 2026-11-22T05:01:55.123+01:00}: the
 * repository keeps local times of this machine's zone (Spring Batch's {@code LocalDateTime.now()}), which a reader
 * elsewhere could not place without it.
 */
@Component
public class TimestampsWithOffset implements JsonMapperBuilderCustomizer {

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.addModule(module());
	}

	/** The module that writes them: for a mapper made without an application context too. */
	public static SimpleModule module() {
		return new SimpleModule("fanout-timestamps").addSerializer(LocalDateTime.class, new WithOffset());
	}

	/** The text of a local time of this machine's zone, with its offset then. */
	public static String iso(LocalDateTime time) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(ZoneId.systemDefault()));
	}

	private static final class WithOffset extends StdSerializer<LocalDateTime> {

		WithOffset() {
			super(LocalDateTime.class);
		}

		@Override
		public void serialize(LocalDateTime value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(iso(value));
		}

	}

}
