package dev.fanout.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of failures that no handler of the application answers, in the application's forms rather than
 * Spring Boot's error JSON ({@code {"timestamp", "status", "error", "path"}}) or Tomcat's HTML page:
 * <ul>
 * <li>the container's error dispatch to {@code /error}: a security filter that cannot read a form
 * ({@code POST /login} with {@code %ff}), a method Tomcat refuses ({@code TRACE}), a form over the size limit. The
 * API's paths get a problem detail whatever the client accepts; the dashboard's a page for a browser, a problem
 * detail for other clients, as its handlers answer;</li>
 * <li>a request that Tomcat refuses before any application sees it ({@link RefusedRequests}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ErrorPages {

	/** Spring Boot's error controller, with problem details instead of its error JSON. */
	@Bean
	ErrorController errorController(ErrorAttributes attributes,
			org.springframework.boot.autoconfigure.web.WebProperties web, ObjectProvider<ErrorViewResolver> resolvers,
			RepositoryOutages outages) {
		return new ProblemErrorController(attributes, web.getError(), resolvers.orderedStream().toList(),
				outages.logFile());
	}

	/**
	 * The host's error report valve replaced by {@link RefusedRequests}. Last of the customizers: Spring Boot's own
	 * adds its valve (without server information) in a customizer of its own, which this one removes, so that one
	 * valve reports; the host is told the valve's class, or it would add Tomcat's own beside it as it starts.
	 */
	@Bean
	ValveReplacement refusedRequests(RepositoryOutages outages) {
		return new ValveReplacement(outages.logFile());
	}

	record ValveReplacement(String logFile) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(
					(context) -> replaceErrorReportValve(context.getParent(), new RefusedRequests(this.logFile)));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	static void replaceErrorReportValve(Container host, RefusedRequests valve) {
		for (Valve existing : host.getPipeline().getValves()) {
			if (existing instanceof ErrorReportValve) {
				host.getPipeline().removeValve(existing);
			}
		}
		host.getPipeline().addValve(valve);
		if (host instanceof StandardHost standard) {
			standard.setErrorReportValveClass(RefusedRequests.class.getName());
		}
	}

	static final class ProblemErrorController extends BasicErrorController {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final ErrorAttributes attributes;

		private final String logFile;

		ProblemErrorController(ErrorAttributes attributes, ErrorProperties properties,
				List<ErrorViewResolver> resolvers, String logFile) {
			super(attributes, properties, resolvers);
			this.attributes = attributes;
			this.logFile = logFile;
		}

		/** A browser's error: the dashboard's error page with what went wrong, but JSON on the API's paths. */
		@Override
		public @Nullable ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
			HttpStatus status = getStatus(request);
			String path = path(request);
			protect(response);
			if (ServerErrors.api(path)) {
				response.setStatus(status.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				try {
					JSON.writeValue(response.getOutputStream(), ServerErrors.problem(status.value(),
							detail(request, status), path));
				}
				catch (IOException ignored) {
					// The client went away: nothing to tell anyone.
				}
				return null;
			}
			ModelAndView page = super.errorHtml(request, response);
			page.addObject("detail", detail(request, status));
			return page;
		}

		@Override
		public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
			HttpStatus status = getStatus(request);
			if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
					&& attributes.getResponse() != null) {
				protect(attributes.getResponse());
			}
			if (status == HttpStatus.NO_CONTENT) {
				return new ResponseEntity<>(status);
			}
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ServerErrors.problem(status.value(), detail(request, status), path(request)));
		}

		/**
		 * The headers Spring Security gives every answer, for the failures that Tomcat dispatches here without going
		 * through its filters (a method it refuses, such as TRACE): no content sniffing, no caching.
		 */
		private static void protect(HttpServletResponse response) {
			if (!response.containsHeader("X-Content-Type-Options")) {
				response.setHeader("X-Content-Type-Options", "nosniff");
			}
			if (!response.containsHeader("Cache-Control")) {
				response.setHeader("Cache-Control", "no-store");
			}
		}

		private String detail(HttpServletRequest request, HttpStatus status) {
			return ServerErrors.detail(status.value(), this.attributes.getError(new ServletWebRequest(request)),
					this.logFile);
		}

		private static @Nullable String path(HttpServletRequest request) {
			return (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		}

	}

}
