package dev.fanout.web.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import dev.fanout.core.CommandFailure;
import dev.fanout.web.MistypedValues;
import dev.fanout.web.RepositoryOutages;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every dashboard page shares: whether the operator is logged in (action buttons and launch forms are shown to
 * the operator only; the server refuses the actions to anyone else anyway), and refusals and a job repository out of
 * reach as a page rather than the API's problem details. A handler declared on the controller wins over the API's
 * advice.
 */
abstract class DashboardController {

	private static final Logger logger = LoggerFactory.getLogger(DashboardController.class);

	@ModelAttribute("operator")
	boolean operator(HttpServletRequest request) {
		return request.isUserInRole("OPERATOR");
	}

	@ExceptionHandler(CommandFailure.class)
	ModelAndView refused(CommandFailure failure, HttpServletRequest request) {
		HttpStatus status = HttpStatus.valueOf(failure.kind().httpStatus());
		return refusal(status, failure.pageMessage(), request);
	}

	/** A mistyped address ({@code /executions/abc}): a page, not the API's JSON. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView mistyped(MethodArgumentTypeMismatchException mismatch, HttpServletRequest request) {
		return refusal(HttpStatus.BAD_REQUEST, MistypedValues.describe(mismatch), request);
	}

	/**
	 * The job repository out of reach or stalled: the API's 503 and its words as a page, not its JSON. Any other
	 * failure goes on to the error page.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ModelAndView failed(Exception failure, HttpServletRequest request) throws Exception {
		String unavailable = RequestContextUtils.findWebApplicationContext(request)
			.getBean(RepositoryOutages.class)
			.unavailable(failure, request, logger)
			.orElseThrow(() -> failure);
		return refusal(HttpStatus.SERVICE_UNAVAILABLE, unavailable, request);
	}

	private ModelAndView refusal(HttpStatus status, String message, HttpServletRequest request) {
		ModelAndView page = new ModelAndView("refused", status);
		page.addObject("status", status);
		page.addObject("message", message);
		page.addObject("operator", operator(request));
		return page;
	}

}
