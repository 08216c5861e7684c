package dev.fanout.web;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /error} asked for directly, not as the server's forward of a failed request: a 404 like any other address
 * that is no page, instead of Spring Boot's error controller answering 500 with status 999 (it found no failure to
 * describe), which looks like a server failure to an operator or a scanner. Forwards (dispatcher type ERROR) are
 * untouched.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DirectErrorRequests {

	static final String NO_SUCH_PATH = "no such path: /error is where the server shows its own failures; the API is "
			+ "described at GET /api/openapi.json, the dashboard is at /";

	@Bean
	FilterRegistrationBean<?> directErrorRequestsFilter() {
		FilterRegistrationBean<?> registration = new FilterRegistrationBean<>(
				(request, response, chain) -> refuse((HttpServletRequest) request, (HttpServletResponse) response));
		registration.addUrlPatterns("/error", "/error/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProblemResponses.write(request, response, HttpStatus.NOT_FOUND, NO_SUCH_PATH);
	}

}
