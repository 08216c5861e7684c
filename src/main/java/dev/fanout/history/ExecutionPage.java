package dev.fanout.history;

import java.util.List;

/**
 * One page of executions, newest first.
 *
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many executions match the filter, on all pages
 */
public record ExecutionPage(List<ExecutionSummary> items, int page, int size, long total) {

}
