package dev.fanout.jobs.images;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.images.http.ImageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SourceListTests {

	@TempDir
	Path dataDir;

	@Test
	void skipsAByteOrderMarkAtTheStartOfAUrlList() throws Exception {
		Path list = Files.writeString(this.dataDir.resolve("urls.txt"),
				"\uFEFFhttp://localhost:8080/a.png\n# comment\nhttp://localhost:8080/b.jpg\n");

		assertThat(SourceList.list(list, this.dataDir)).extracting(ImageSource::location)
			.containsExactly("http://localhost:8080/a.png", "http://localhost:8080/b.jpg");
	}

	@Test
	void showsAnInvisibleCharacterInABadLineAsAnEscape() throws Exception {
		Path list = Files.writeString(this.dataDir.resolve("urls.txt"),
				"http://localhost:8080/a.png\n\u200Bhttp://localhost:8080/b.jpg\n");

		assertThatIllegalArgumentException().isThrownBy(() -> SourceList.list(list, this.dataDir))
			.withMessageContaining("line 2: '\\u200bhttp://localhost:8080/b.jpg' is not an http(s) URL");
	}

}
