package dev.fanout.web.dashboard;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import dev.fanout.web.MistypedValues;
import dev.fanout.web.RepositoryOutages;
import dev.fanout.web.UnexpectedFailures;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What a dashboard page answers when it fails for a reason no refusal covers: a page, where the API's advice
 * ({@link UnexpectedFailures}) would have answered a browser with JSON. The job repository out of reach or stalled is
 * the API's 503 and its words; anything else is a 500 that points to the log, without the exception's message (it may
 * name the database and its URL). Spring's own answers to bad requests (405, 400) keep theirs, on the error page.
 * Ordered before the API's advice, which would otherwise take these failures too.
 */
@ControllerAdvice(assignableTypes = DashboardController.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class DashboardFailures {

	private static final Logger logger = LoggerFactory.getLogger(DashboardFailures.class);

	private final RepositoryOutages outages;

	DashboardFailures(RepositoryOutages outages) {
		this.outages = outages;
	}

	@ExceptionHandler(Exception.class)
	ModelAndView failed(Exception failure, HttpServletRequest request) throws Exception {
		if (UnexpectedFailures.answeredBySpring(failure)) {
			throw failure;
		}
		Optional<String> unavailable = this.outages.unavailable(failure, request, logger);
		if (unavailable.isPresent()) {
			return DashboardController.refusal(HttpStatus.SERVICE_UNAVAILABLE, unavailable.get(), request);
		}
		logger.error("{} {} failed unexpectedly", request.getMethod(), MistypedValues.shown(request.getRequestURI()),
				failure);
		return DashboardController.refusal(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to show this page (%s); "
			.formatted(failure.getClass().getSimpleName()) + "the details are in " + this.outages.logFile(), request);
	}

}
