package dev.fanout.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which part of a request Tomcat could not decode: the query if it does not decode, else the form body. */
class MistypedValuesTests {

	@Test
	void aQueryOfPercentEncodedUtf8Decodes() {
		assertThat(MistypedValues.decodes(null)).isTrue();
		assertThat(MistypedValues.decodes("")).isTrue();
		assertThat(MistypedValues.decodes("job=%C3%A9t%c3%a9+x&page=2&flag")).isTrue();
	}

	@Test
	void aQueryWithAnEscapeThatIsNotUtf8OrNotAnEscapeDoesNot() {
		for (String query : new String[] { "job=%ff", "page=%c3%28", "a=1&b=%zz", "a=%4", "a=%", "%ff=1" }) {
			assertThat(MistypedValues.decodes(query)).as(query).isFalse();
		}
	}

}
