package dev.fanout.jobs.images.http;

import java.net.URI;
import java.net.http.HttpClient;

/** The JDK HTTP client as the images job uses it. Stateless. */
public final class HttpClients {

	private HttpClients() {
	}

	/**
	 * One client per downloader or gallery, shared by all threads (HttpClient is thread-safe and pools connections).
	 * HTTP/1.1: every server speaks it, and without an h2c upgrade attempt on plain http.
	 */
	static HttpClient create(HttpSettings settings) {
		return HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/** Whether the URI is an absolute http or https URL with a host. */
	public static boolean isHttp(URI uri) {
		String scheme = uri.getScheme();
		return uri.isAbsolute() && uri.getHost() != null
				&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
	}

}
