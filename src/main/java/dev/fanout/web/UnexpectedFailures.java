package dev.fanout.web;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.fanout.batch.ConnectionFailures;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the API answers when a request fails for a reason no other handler knows, instead of Spring Boot's error JSON
 * ({@code {"status": 500, "error": "Internal Server Error"}}, no problem detail, nothing to act on): 503 when the job
 * repository cannot be reached (its server stopped, the database is down; trying again later helps), else 500 saying
 * where the details are. Neither shows the exception's message, which may name the database and its URL; the log
 * has them. Last of the advice: the refusals ({@link ApiProblems}) and Spring's own 4xx answers go first.
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedFailures {

	private static final Logger logger = LoggerFactory.getLogger(UnexpectedFailures.class);

	private final String logFile;

	private final OutageWarnings outages;

	UnexpectedFailures(Environment environment, OutageWarnings outages) {
		this.logFile = environment.getProperty("logging.file.name", "the log file");
		this.outages = outages;
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail failed(Exception failure, HttpServletRequest request) throws Exception {
		// Spring's exceptions that carry their own answer (a 4xx) keep it
		if (failure instanceof ErrorResponse
				|| AnnotatedElementUtils.hasAnnotation(failure.getClass(), ResponseStatus.class)) {
			throw failure;
		}
		String where = "%s %s".formatted(request.getMethod(), MistypedValues.shown(request.getRequestURI()));
		Optional<String> unavailable = repositoryUnavailable(failure, this.logFile);
		if (unavailable.isPresent()) {
			this.outages.warn(logger, where, unavailable.get(), failure);
			return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailable.get());
		}
		logger.error("{} failed unexpectedly", where, failure);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to answer "
				+ "this request (%s); the details are in %s".formatted(failure.getClass().getSimpleName(), this.logFile));
	}

	/**
	 * What a 503 says when the job repository could not be used, for the API and the dashboard alike: its connection
	 * refused or lost (a stalled database's too, once the network timeout ran out), or none came in time; empty for
	 * any other failure.
	 */
	public static Optional<String> repositoryUnavailable(Throwable failure, String logFile) {
		if (ConnectionFailures.lost(failure)) {
			return Optional.of(ConnectionFailures.LOST + ": try again in a moment (the server starts the embedded "
					+ "repository's server again by itself if it stopped); if it lasts, see " + logFile);
		}
		if (failure instanceof CannotGetJdbcConnectionException || ConnectionFailures.noAnswer(failure)) {
			return Optional.of(ConnectionFailures.NO_ANSWER + ": try again in a moment; if it lasts, see " + logFile);
		}
		return Optional.empty();
	}

}
