package dev.fanout.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading is open from this host only: from elsewhere (a server bound to 0.0.0.0) it needs the operator. */
class LocalOrOperatorTests {

	private final LocalOrOperator rule = new LocalOrOperator("OPERATOR");

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("key", "anonymous",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private static final Authentication OPERATOR = UsernamePasswordAuthenticationToken.authenticated("operator", null,
			AuthorityUtils.createAuthorityList("ROLE_OPERATOR"));

	@Test
	void anonymousReadsFromLoopbackAddressesAreAllowed() {
		assertThat(allowed("127.0.0.1", ANONYMOUS)).isTrue();
		assertThat(allowed("127.0.1.1", ANONYMOUS)).isTrue();
		assertThat(allowed("0:0:0:0:0:0:0:1", ANONYMOUS)).isTrue();
	}

	@Test
	void readsFromOtherAddressesNeedTheOperator() {
		assertThat(allowed("192.0.2.7", ANONYMOUS)).isFalse();
		assertThat(allowed("2001:db8::7", ANONYMOUS)).isFalse();
		assertThat(allowed("192.0.2.7", OPERATOR)).isTrue();
	}

	private boolean allowed(String remoteAddress, Authentication authentication) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/executions");
		request.setRemoteAddr(remoteAddress);
		return this.rule.authorize(() -> authentication, new RequestAuthorizationContext(request)).isGranted();
	}

}
