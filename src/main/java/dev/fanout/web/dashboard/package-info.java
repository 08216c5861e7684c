/**
 * The dashboard of {@code serve}: server-rendered pages (Thymeleaf) over the read side of the repository, with a
 * little plain JavaScript for live updates of running executions. The executions list with filters and pages, an
 * execution's detail with a timeline of its steps and partitions on one time axis, the job's pictures and charts,
 * launch forms built from the jobs' parameter descriptions, and the actions its state allows (operator only, CSRF).
 * Every page works without JavaScript; only the live updates need it.
 */
package dev.fanout.web.dashboard;
