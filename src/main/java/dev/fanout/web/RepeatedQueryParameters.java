package dev.fanout.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.fanout.core.CommandFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A query of the API that gives a parameter twice ({@code ?force=false&force=true}, {@code ?page=1&page=2}) is refused
 * with a 400 that names it, as a body's repeated field is ({@link DuplicateKeysRefused}) and as {@code run} refuses
 * {@code threads=2 threads=8}: Spring took the first value without a word, which the client may not have meant. Read
 * from the query string itself, so that a form body is never read here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RepeatedQueryParameters implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String repeated = repeated(request.getQueryString());
		if (repeated != null) {
			throw CommandFailure.usage("the query gives %s twice: give it once".formatted(MistypedValues.shown(repeated)));
		}
		return true;
	}

	/** The first parameter name that the query gives twice, or {@code null}. */
	static @Nullable String repeated(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		Set<String> names = new HashSet<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			try {
				name = URLDecoder.decode(name, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// Not decodable: compared as sent; the handler's own reading refuses it (ApiProblems).
			}
			if (!names.add(name)) {
				return name;
			}
		}
		return null;
	}

}
