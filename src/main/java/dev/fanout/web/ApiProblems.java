package dev.fanout.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.fanout.core.CommandFailure;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The refusals of the launch path and the read side (the CLI's messages) as RFC 9457 problem details: 400 bad
 * parameters, 404 unknown job or execution, 409 a state that forbids the action, 503 no launch thread free; a value
 * of the wrong type ({@link MistypedValues}), a query that cannot be decoded, an unreadable body
 * ({@link UnreadableBodies}) and an unknown path.
 * Spring's own other errors are problem details too ({@code spring.mvc.problemdetails.enabled}).
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

	private static final Logger logger = LoggerFactory.getLogger(ApiProblems.class);

	/**
	 * The refusal on one line: messages built outside the API quote what the request gave (a parameter's name or value
	 * in a job's check), and a line break in it would forge a line of the log.
	 */
	@ExceptionHandler(CommandFailure.class)
	ProblemDetail refused(CommandFailure failure) {
		HttpStatus status = HttpStatus.valueOf(failure.kind().httpStatus());
		String detail = failure.apiMessage().replaceAll("\\p{Cntrl}", "?");
		logger.info("API request refused ({}): {}", status.value(), detail);
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	/**
	 * An address that is neither an API path nor a page, instead of Spring's "No static resource": what was asked, and
	 * where the API and the dashboard are.
	 */
	@ExceptionHandler(NoResourceFoundException.class)
	ProblemDetail noSuchPath(NoResourceFoundException missing) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ("no such path: %s /%s; the API is described at "
				+ "GET /api/openapi.json, the dashboard is at /").formatted(missing.getHttpMethod(),
						MistypedValues.shown(missing.getResourcePath())));
	}

	/** A body that is not JSON, or whose field has the wrong type: which field, and what to give. */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
		for (Throwable cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiBodyLimit.BodyTooLargeException) {
				logger.info("API request refused (413): {}", ApiBodyLimit.TOO_LARGE);
				return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ApiBodyLimit.TOO_LARGE);
			}
		}
		String detail = UnreadableBodies.describe(unreadable);
		logger.info("API request refused (400): {}", detail);
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * A body of a type the request does not take ({@code text/plain}, a form): Spring's "Content-Type ... is not
	 * supported" said what was wrong, not what to send.
	 */
	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ProblemDetail unsupportedType(HttpMediaTypeNotSupportedException unsupported) {
		// The API's one body is a launch's JSON object; the dashboard's forms take any type.
		MediaType given = unsupported.getContentType();
		String type = (given != null) ? MistypedValues.shown(given.getType() + "/" + given.getSubtype()) : "of no type";
		String detail = "the body is %s, not JSON: send it with Content-Type: application/json, e.g. %s".formatted(type,
				UnreadableBodies.EXAMPLE);
		logger.info("API request refused (415): {}", detail);
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	/** A query or form body that Tomcat cannot decode ({@code ?job=%ff}): which, which rule, and how to encode it. */
	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail undecodable(InvalidParameterException undecodable, HttpServletRequest request) {
		String detail = MistypedValues.undecodable(request);
		logger.info("API request refused (400): {}", detail);
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
	}

	/** A query or path value of the wrong type: which one, and what to give, instead of Spring's "Failed to convert". */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mistyped(MethodArgumentTypeMismatchException mismatch) {
		String detail = MistypedValues.describe(mismatch);
		logger.info("API request refused (400): {}", detail);
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
	}

}
