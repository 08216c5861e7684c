/**
 * Cron schedules ({@code fanout.schedules}): their configuration and checks, the scheduler that runs in
 * {@code serve}, firings claimed once per scheduled time across processes, and misfires after a down time.
 * <p>
 * Across servers, a firing runs once: a server claims it ({@link dev.fanout.schedule.ScheduleFiring}), and the others
 * find it taken once its instance exists, looked up by its {@code run.id} ({@link dev.fanout.schedule.ScheduleRuns}).
 * Until then it stays pending on them ({@link dev.fanout.schedule.Scheduler}): if the claim's holder dies before
 * creating the instance, another server launches the firing, within the misfire threshold or as its policy says.
 * Within one server, every due firing at most the misfire threshold late runs
 * ({@link dev.fanout.schedule.MisfirePlan}).
 */
package dev.fanout.schedule;
