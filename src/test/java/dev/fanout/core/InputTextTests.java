package dev.fanout.core;

import java.io.BufferedReader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InputTextTests {

	@Test
	void skipsAByteOrderMarkAtTheStartOnly() throws Exception {
		assertThat(InputText.skipBom(new BufferedReader(new StringReader("\uFEFF12\n\uFEFF3"))).lines())
			.containsExactly("12", "\uFEFF3");
		assertThat(InputText.skipBom(new BufferedReader(new StringReader("12"))).readLine()).isEqualTo("12");
		assertThat(InputText.skipBom(new BufferedReader(new StringReader(""))).readLine()).isNull();
		assertThat(InputText.withoutBom("\uFEFFx = 3")).isEqualTo("x = 3");
		assertThat(InputText.withoutBom("x = 3")).isEqualTo("x = 3");
	}

	@Test
	void showsCharactersNoOneCanSeeAsEscapes() {
		assertThat(InputText.visible("\uFEFF2139079")).isEqualTo("\\ufeff2139079");
		assertThat(InputText.visible("1\u200B2\u00A03\t4\u00005")).isEqualTo("1\\u200b2\\u00a03\\u00094\\u00005");
	}

	@Test
	void leavesVisibleTextAlone() {
		assertThat(InputText.visible("x = 3, y = 1 ×é€ 🙂")).isEqualTo("x = 3, y = 1 ×é€ 🙂");
	}

}
