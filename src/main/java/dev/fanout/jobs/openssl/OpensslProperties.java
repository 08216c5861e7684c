package dev.fanout.jobs.openssl;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code openssl} job ({@code fanout.openssl.*}). The password is configuration, not a job
 * parameter, because job parameters are stored in the repository.
 *
 * @param binary the openssl executable: a name on the PATH or a path
 * @param passwordEnv the environment variable that holds the password; it is also the variable through which
 * {@code openssl enc} receives it
 * @param passwordFile a file whose first line is the password, used instead of the variable when set
 * @param commitInterval how often finished chains are committed to the repository: a restart after a crash runs
 * again the chains that ended within the last interval
 */
@ConfigurationProperties("fanout.openssl")
public record OpensslProperties(@DefaultValue("openssl") String binary,
		@DefaultValue("FANOUT_OPENSSL_PASSWORD") String passwordEnv, @Nullable String passwordFile,
		@DefaultValue("200ms") Duration commitInterval) {

}
