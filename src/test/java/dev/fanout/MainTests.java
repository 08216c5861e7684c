package dev.fanout;

import java.io.DataInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTests {

	@Test
	void anOlderJavaIsRefusedInOneLineThatSaysWhatToInstall() {
		String refusal = Main.refusal(17, "/usr/lib/jvm/java-17-openjdk-amd64");

		assertThat(refusal).isEqualTo("fanout: needs Java 21 or newer, this is Java 17 "
				+ "(/usr/lib/jvm/java-17-openjdk-amd64); install a JDK 21+ (e.g. Temurin, https://adoptium.net) and "
				+ "run the jar with its bin/java, or set JAVA_HOME to it for target/fanout");
		assertThat(Main.refusal(20, "/opt/jdk")).contains("this is Java 20 (/opt/jdk)");
	}

	@Test
	void java21AndNewerAreAccepted() {
		assertThat(Main.refusal(21, "/opt/jdk-21")).isNull();
		assertThat(Main.refusal(25, "/opt/jdk-25")).isNull();
	}

	@Test
	void featureNumbersAreReadFromOldAndNewVersionStrings() {
		assertThat(Main.feature("1.8")).isEqualTo(8);
		assertThat(Main.feature("11")).isEqualTo(11);
		assertThat(Main.feature("17")).isEqualTo(17);
		assertThat(Main.feature("25")).isEqualTo(25);
	}

	@Test
	void theEntryPointItselfLoadsOnOlderJavas() throws Exception {
		// Class file major version 52 is Java 8, 61 Java 17, 65 Java 21: the check must load where the app cannot.
		try (InputStream in = Main.class.getResourceAsStream("Main.class");
				DataInputStream data = new DataInputStream(in)) {
			assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
			data.readUnsignedShort(); // minor version
			assertThat(data.readUnsignedShort()).as("class file major version").isLessThanOrEqualTo(52);
		}
	}

}
