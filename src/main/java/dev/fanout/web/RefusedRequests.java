package dev.fanout.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a request that Tomcat refuses before the application sees it, in place of Tomcat's own HTML page:
 * an encoded NUL, {@code /} or {@code \} in the path, a {@code ..} above the root, an unparsable request line or
 * header, headers over the limit, an unknown HTTP version or Transfer-Encoding. Such a request maps to no web
 * application, so neither Spring nor the container's error pages see it; only the host's error report valve does,
 * which this replaces ({@link ErrorPages}). The API's paths get a problem detail, as its other refusals; a browser
 * ({@code Accept: text/html}) elsewhere a page in the dashboard's layout; anything else a problem detail. Nothing
 * names the server or its version, and no stack trace is shown.
 */
final class RefusedRequests extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String logFile;

	RefusedRequests(String logFile) {
		this.logFile = logFile;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// As the valve it replaces: no report for a success, for an answer the application wrote, or twice.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		// The path as sent: the decoded one is gone when decoding it failed.
		String path = request.getCoyoteRequest().requestURI().toString();
		String detail = ServerErrors.detail(status, throwable, this.logFile);
		String accept = request.getHeader("Accept");
		boolean page = !ServerErrors.api(path) && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
		try {
			response.setCharacterEncoding("utf-8");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Cache-Control", "no-store");
			String body;
			if (page) {
				response.setContentType(MediaType.TEXT_HTML_VALUE);
				response.setHeader("Content-Security-Policy", WebSecurityConfiguration.DASHBOARD_POLICY);
				body = ServerErrors.page(status, detail);
			}
			else {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				body = JSON.writeValueAsString(ServerErrors.problem(status, detail, path));
			}
			PrintWriter writer = response.getReporter();
			if (writer != null) { // null: the response was committed meanwhile, nothing more can be sent
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ignored) {
			// The client went away, or the response could not take a body: nothing to tell anyone.
		}
	}

}
