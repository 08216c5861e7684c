package dev.fanout.schedule;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The cron schedules of {@code fanout.schedules}, as written (checked by {@link ScheduleCatalog}). */
@ConfigurationProperties("fanout")
public record SchedulesProperties(@DefaultValue List<ScheduleProperties> schedules) {

}
