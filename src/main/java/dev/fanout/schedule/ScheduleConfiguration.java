package dev.fanout.schedule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Schedules are read in every mode (the {@code schedules} command); they fire only in serve mode. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulesProperties.class)
class ScheduleConfiguration {

}
