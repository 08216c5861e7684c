package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live progress line and the notices written meanwhile, as a terminal shows them: standard output and standard
 * error reach one screen, {@code \r} goes back to the start of the line and {@code ESC [K} erases to its end.
 */
class LiveLineTests {

	private static final String STOPPING = "fanout: stopping at the next boundary; press Ctrl-C again to exit now";

	/** Both streams write to one screen, as on a terminal. */
	private final StringWriter screen = new StringWriter();

	private final LiveLine console = new LiveLine(new PrintWriter(this.screen), new PrintWriter(this.screen), true);

	@Test
	void aNoticeStandsOnItsOwnLineAndTheNextRefreshDrawsTheLiveLineUnderIt() {
		this.console.show("execution 12 STARTED  steps 0/2  items 40 (200/s)  0.2 s");
		this.console.notice(STOPPING);

		assertThat(lines()).containsExactly(STOPPING, "");

		this.console.show("execution 12 STOPPING  steps 1/2  items 80 (200/s)  0.4 s");

		assertThat(lines()).containsExactly(STOPPING, "execution 12 STOPPING  steps 1/2  items 80 (200/s)  0.4 s");
	}

	@Test
	void theTimeoutNoticeBeforeTheHaltIsLeftOnItsOwnLineToo() {
		String halted = "fanout: not stopped within 30 s; exiting now; execution 12 left running: "
				+ "'fanout recover --orphans', then 'fanout restart' it";
		this.console.show("execution 12 STOPPING  steps 0/2  items 40 (1/s)  30.1 s");
		this.console.notice(STOPPING);
		this.console.show("execution 12 STOPPING  steps 0/2  items 40 (1/s)  30.3 s");
		this.console.notice(halted);

		assertThat(lines()).containsExactly(STOPPING, halted, "");
	}

	@Test
	void theLiveLineIsErasedAtTheEndAndLinesThatStayAreNotWrittenOntoIt() {
		this.console.show("execution 12 STARTED  steps 0/2  items 0 (0/s)  0.2 s");
		this.console.println("Started execution 13 of life");
		this.console.show("execution 13 STARTED  steps 1/2  items 0 (0/s)  0.4 s");
		this.console.clear();

		assertThat(lines()).containsExactly("Started execution 13 of life", "");
	}

	@Test
	void withoutATerminalNoticesAndLinesAreWrittenAsTheyAre() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		LiveLine plain = new LiveLine(new PrintWriter(out), new PrintWriter(err), false);

		plain.println("execution 12 STARTED  steps 0/2  items 0 (0/s)  0.5 s");
		plain.notice(STOPPING);
		plain.clear();

		assertThat(out.toString()).isEqualTo("execution 12 STARTED  steps 0/2  items 0 (0/s)  0.5 s" + System.lineSeparator());
		assertThat(err.toString()).isEqualTo(STOPPING + System.lineSeparator());
	}

	/** What the screen shows: the text with carriage returns and erase-to-end-of-line applied. */
	private List<String> lines() {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		int column = 0;
		String text = this.screen.toString().replace(System.lineSeparator(), "\n");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				lines.add(line.toString());
				line.setLength(0);
				column = 0;
			}
			else if (c == '\r') {
				column = 0;
			}
			else if (text.startsWith("\033[K", i)) {
				line.setLength(column);
				i += 2;
			}
			else {
				if (column < line.length()) {
					line.setCharAt(column, c);
				}
				else {
					line.append(c);
				}
				column++;
			}
		}
		lines.add(line.toString());
		return lines;
	}

}
