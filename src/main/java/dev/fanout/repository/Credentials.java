package dev.fanout.repository;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The user and password of one repository, generated when its server first starts and kept in a file only its owner
 * can read: whoever can read that file could read the data directory anyway, and nobody else can log in.
 */
record Credentials(String user, String password) {

	/** H2's administrator, who created the database; the password is what protects it. */
	static final String USER = "SA";

	/** The one and only credentials of a repository: read, or generated and written on the first start. */
	static Credentials readOrCreate(RepositoryFiles files) throws IOException {
		Optional<Credentials> existing = read(files);
		if (existing.isPresent()) {
			return existing.get();
		}
		Credentials created = generate();
		created.write(files);
		return created;
	}

	static Credentials generate() {
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		return new Credentials(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
	}

	void write(RepositoryFiles files) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		files.writePrivate(files.credentials(), properties);
	}

	static Optional<Credentials> read(RepositoryFiles files) throws IOException {
		return RepositoryFiles.read(files.credentials())
			.map((properties) -> new Credentials(properties.getProperty("user", USER),
					properties.getProperty("password", "")));
	}

	@Override
	public String toString() {
		return "Credentials[user=" + this.user + ", password=(hidden)]";
	}

}
