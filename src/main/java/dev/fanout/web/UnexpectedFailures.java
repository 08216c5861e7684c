package dev.fanout.web;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the API answers when a request fails for a reason no other handler knows, instead of Spring Boot's error JSON
 * ({@code {"status": 500, "error": "Internal Server Error"}}, no problem detail, nothing to act on): 503 when the job
 * repository cannot be reached (its server stopped, the database is down; trying again later helps), else 500 saying
 * where the details are. Neither shows the exception's message, which may name the database and its URL; the log
 * has them. Last of the advice: the refusals ({@link ApiProblems}) and Spring's own 4xx answers go first, and the
 * dashboard's pages have their own ({@code DashboardFailures}).
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedFailures {

	private static final Logger logger = LoggerFactory.getLogger(UnexpectedFailures.class);

	private final RepositoryOutages outages;

	public UnexpectedFailures(RepositoryOutages outages) {
		this.outages = outages;
	}

	/**
	 * Whether Spring answers this failure itself, with the 4xx it carries (a wrong method, a missing parameter): the
	 * handlers of unexpected failures throw it on.
	 */
	public static boolean answeredBySpring(Exception failure) {
		return failure instanceof ErrorResponse
				|| AnnotatedElementUtils.hasAnnotation(failure.getClass(), ResponseStatus.class);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail failed(Exception failure, HttpServletRequest request) throws Exception {
		if (answeredBySpring(failure)) {
			throw failure;
		}
		Optional<String> unavailable = this.outages.unavailable(failure, request, logger);
		if (unavailable.isPresent()) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailable.get());
		}
		logger.error("{} {} failed unexpectedly", request.getMethod(), MistypedValues.shown(request.getRequestURI()),
				failure);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to answer "
				+ "this request (%s); the details are in %s".formatted(failure.getClass().getSimpleName(),
						this.outages.logFile()));
	}

}
