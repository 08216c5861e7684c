package dev.fanout.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.WebTesting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS rebinding: a page of another site, its name pointed at 127.0.0.1, sends requests from this host with its own
 * name as Host. They are refused before anything reads them; localhost, IP addresses and configured names are served.
 * Raw HTTP over a socket, since Java's HTTP client does not let a request name another host.
 */
class AllowedHostsTests extends WebTesting {

	@Test
	void aRequestAddressedToAnotherSitesNameIsRefusedWithoutItsContent() throws Exception {
		for (String path : List.of("/api/executions", "/executions", "/actuator/prometheus", "/api/jobs")) {
			String response = rawGet(path, "rebind.attacker.example:" + this.port);

			assertThat(response).as(path).startsWith("HTTP/1.1 403")
				.contains("application/problem+json")
				.contains("does not answer to the host name 'rebind.attacker.example'")
				.contains("FANOUT_WEB_ALLOWED_HOSTS=rebind.attacker.example")
				.doesNotContain("factorize");
		}
	}

	@Test
	void localhostIpAddressesAndConfiguredNamesAreServed() throws Exception {
		for (String host : List.of("localhost", "127.0.0.1", "[::1]", "fanout.example", "FANOUT.example.")) {
			assertThat(rawGet("/api/jobs", host + ":" + this.port)).as(host).startsWith("HTTP/1.1 200")
				.contains("factorize");
		}
	}

	@Test
	void hostNamesAreComparedWholeAndAnAsteriskAllowsAny() {
		AllowedHosts configured = new AllowedHosts(List.of("batch.example.com"));
		assertThat(configured.allows("batch.example.com")).isTrue();
		assertThat(configured.allows("evil-batch.example.com")).isFalse();
		assertThat(configured.allows("batch.example.com.evil.example")).isFalse();
		assertThat(configured.allows("app.localhost")).isTrue();
		assertThat(configured.allows("localhost.evil.example")).isFalse();
		assertThat(configured.allows("127.0.0.1.evil.example")).isFalse();
		assertThat(configured.allows("[::1]")).isTrue();
		assertThat(new AllowedHosts(List.of("*")).allows("anything.example")).isTrue();
	}

	/** A GET with this Host header, the whole response as text. */
	private String rawGet(String path, String host) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
					+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
