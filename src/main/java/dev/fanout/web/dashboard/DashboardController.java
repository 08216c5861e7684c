package dev.fanout.web.dashboard;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import dev.fanout.core.CommandFailure;
import dev.fanout.web.MistypedValues;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every dashboard page shares: whether the operator is logged in (action buttons and launch forms are shown to
 * the operator only; the server refuses the actions to anyone else anyway), and refusals as a page rather than the
 * API's problem details (failures: {@link DashboardFailures}). A handler declared on the controller wins over the
 * API's advice.
 */
abstract class DashboardController {

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

	/** A query or form that cannot be decoded ({@code /executions?job=%ff}): a page, not the API's JSON nor a 500. */
	@ExceptionHandler(InvalidParameterException.class)
	ModelAndView undecodable(InvalidParameterException undecodable, HttpServletRequest request) {
		return refusal(HttpStatus.BAD_REQUEST, MistypedValues.undecodable(request), request);
	}

	/** The refusal page: the status, its message, and the dashboard's navigation as this user may use it. */
	static ModelAndView refusal(HttpStatus status, String message, HttpServletRequest request) {
		ModelAndView page = new ModelAndView("refused", status);
		page.addObject("status", status);
		page.addObject("message", message);
		page.addObject("operator", request.isUserInRole("OPERATOR"));
		return page;
	}

}
