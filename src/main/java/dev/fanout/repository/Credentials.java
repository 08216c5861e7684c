package dev.fanout.repository;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.h2.Driver;

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

	/**
	 * A connection to {@code url} as this user, through H2's driver itself: {@code DriverManager}'s first use scans
	 * every jar on the class path for drivers, ~70 ms of a server's start.
	 */
	Connection connect(String url) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		return Driver.load().connect(url, properties);
	}

	@Override
	public String toString() {
		return "Credentials[user=" + this.user + ", password=(hidden)]";
	}

}
