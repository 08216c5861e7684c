/**
 * Cron schedules ({@code fanout.schedules}): their configuration and checks, the scheduler that runs in
 * {@code serve}, firings claimed once per scheduled time across processes, and misfires after a down time.
 */
package dev.fanout.schedule;
