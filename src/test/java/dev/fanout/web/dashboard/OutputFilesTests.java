package dev.fanout.web.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFilesTests {

	@Test
	void aFileNameWithALineBreakIsEncodedInItsHeaderNotSentAsIs() {
		String name = "a\r\nSet-Cookie: x=1;.txt.enc";

		String header = OutputFiles.disposition(name, false);

		assertThat(header).startsWith("attachment;").doesNotContain("\r", "\n");
		assertThat(ContentDisposition.parse(header).getFilename()).isEqualTo(name);
	}

	@Test
	void anOrdinaryNameStaysReadableAndAPictureIsShownInline() {
		assertThat(OutputFiles.disposition("final.png", true)).startsWith("inline;").contains("final.png");
		assertThat(ContentDisposition.parse(OutputFiles.disposition("b\"q.txt.enc", false)).getFilename())
			.isEqualTo("b\"q.txt.enc");
	}

}
