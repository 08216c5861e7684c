package dev.fanout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test class that spends its time waiting on Fanout processes of its own ({@link FanoutProcess}): it runs on a
 * second thread beside the rest of the suite, which runs one class after another
 * ({@code junit-platform.properties}), so the two cores do not idle while a child JVM starts or a job runs its course.
 * <p>
 * Only for classes that share nothing in this JVM with other tests: no application context, no in-process run (whose
 * threads and meters tests of other classes count), data directories, schemas and queues of their own. What they
 * cannot help sharing is named for {@code @ResourceLock} here, and locked by both sides.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Execution(ExecutionMode.CONCURRENT)
public @interface RunsBesideTheSuite {

	/**
	 * For {@code @ResourceLock}: the JDK HTTP clients' selector threads, which {@code ImageDownloaderTests} counts
	 * while a class beside the suite may start a client of its own ({@code ServeProcessTests}).
	 */
	String HTTP_CLIENT_THREADS = "java.net.http.HttpClient selector threads";

}
