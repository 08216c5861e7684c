package dev.fanout.web;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The largest body the API reads: 1 MB. Tomcat limits forms (the dashboard's, 2 MB) but not other bodies, and the
 * API's JSON was read whole whatever its size, so one launch of a few hundred megabytes could take the server's heap.
 * A launch's body is a few parameters of at most 2,500 characters each (what the job repository keeps). A declared
 * length over the limit is refused before anything is read; a chunked body is cut off once it passes it. After the
 * security filters: a caller without the operator's credentials gets their refusal, and nothing is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiBodyLimit {

	static final long MAX_BYTES = 1024 * 1024;

	static final String TOO_LARGE = "the request body is larger than the API accepts (1 MB): a launch takes a few "
			+ "parameters of at most 2,500 characters each; give long values in a file, e.g. file=PATH";

	@Bean
	FilterRegistrationBean<?> apiBodyLimitFilter() {
		FilterRegistrationBean<?> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (request.getContentLengthLong() > MAX_BYTES) {
					ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
					return;
				}
				chain.doFilter(new Limited(request), response);
			}

		});
		registration.addUrlPatterns("/api/*");
		return registration;
	}

	/** Thrown by a body's stream that passes the limit; {@link ApiProblems} answers 413. */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		BodyTooLargeException() {
			super(TOO_LARGE);
		}

	}

	/** The request with a body that fails once more than {@link #MAX_BYTES} have been read. */
	private static final class Limited extends HttpServletRequestWrapper {

		private ServletInputStream limited;

		Limited(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			// One request is read by one thread at a time: no guard needed around this lazy field.
			if (this.limited == null) {
				this.limited = new LimitedStream(super.getInputStream());
			}
			return this.limited;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream body;

		private long read;

		LimitedStream(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.body.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.read += bytes;
			if (this.read > MAX_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
