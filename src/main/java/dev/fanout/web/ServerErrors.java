package dev.fanout.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of the answers that the servlet container gives before, or instead of, a handler of the application: a
 * request Tomcat cannot parse or map ({@link RefusedRequests}), and a failure that reaches the container's error
 * dispatch ({@link ErrorPages}: a security filter that cannot read a form, a method Tomcat refuses). The API gets a
 * problem detail, the dashboard a page; neither quotes the request (it may be what is malformed) nor names the server.
 */
final class ServerErrors {

	static final String MALFORMED = "the server could not read this request: its address or a header is malformed "
			+ "(an encoded NUL, '/' or '\\' in the path, a '..' above the root, a character that must be "
			+ "percent-encoded, a method name that is not a token, a request line or headers over 8 KB, a "
			+ "Content-Length that is not a number); write the path plainly, e.g. /api/executions/42";

	static final String UNDECODABLE = "a value in the query or the form is not percent-encoded UTF-8 (such as %ff "
			+ "or %zz): encode every value as UTF-8, e.g. \u00e9 as %C3%A9";

	/** Spring Security's refusal of a dashboard form: the API's own 403s are {@link ProblemResponses}'. */
	static final String FORBIDDEN = "the server refused this form: its security token is missing or has expired (the "
			+ "server restarted, or the session ended), or it needs the operator: load the page again, log in as the "
			+ "operator if it asks, and send the form from it";

	static final String METHOD = "this method is not allowed on this address: the Allow header lists those that are";

	static final String VERSION = "this server speaks HTTP/1.1 and HTTP/1.0: send the request in one of them";

	static final String NOT_IMPLEMENTED = "the server does not implement what this request needs (a "
			+ "Transfer-Encoding other than chunked): send the body with a Content-Length";

	static final String TOO_LARGE = "the request body is larger than the server accepts (2 MB)";

	private ServerErrors() {
	}

	/** Whether the answer to this path is the API's problem detail whatever the client accepts. */
	static boolean api(@Nullable String path) {
		return path != null && (path.equals("/api") || path.startsWith("/api/") || path.equals("/actuator")
				|| path.startsWith("/actuator/"));
	}

	/** What to tell the client about this status, and the failure behind it if there is one. */
	static String detail(int status, @Nullable Throwable failure, String logFile) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidParameterException) {
				return UNDECODABLE;
			}
		}
		return switch (status) {
			case 400 -> MALFORMED;
			case 403 -> FORBIDDEN;
			case 405 -> METHOD;
			case 413 -> TOO_LARGE;
			case 501 -> NOT_IMPLEMENTED;
			case 505 -> VERSION;
			default -> (status >= 500)
					? "the server failed to answer this request; the details are in " + logFile
					: "the server refused this request (%d %s)".formatted(status, reason(status));
		};
	}

	static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/** The problem detail, as {@link ProblemResponses} writes its own. */
	static Map<String, Object> problem(int status, String detail, @Nullable String path) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", reason(status));
		problem.put("status", status);
		problem.put("detail", detail);
		if (path != null && !path.isEmpty()) {
			problem.put("instance", MistypedValues.shown(path));
		}
		return problem;
	}

	/**
	 * The dashboard's page for a request that never reached it: the layout of its error page (its style sheet, its
	 * navigation), without the script or the operator's name, which need the application.
	 */
	static String page(int status, String detail) {
		String title = HtmlUtils.htmlEscape(status + " " + reason(status));
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%1$s · Fanout</title>
				<link rel="stylesheet" href="/dashboard.css">
				</head>
				<body>
				<header class="top"><a class="brand" href="/executions">Fanout</a>
				<nav><a href="/executions">Executions</a> <a href="/jobs">Jobs</a></nav></header>
				<main>
				<h1>%1$s</h1>
				<p class="problem" role="alert">%2$s</p>
				<p><a href="/executions">Back to the executions</a></p>
				</main>
				</body>
				</html>
				""".formatted(title, HtmlUtils.htmlEscape(detail));
	}

}
