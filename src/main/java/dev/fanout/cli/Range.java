package dev.fanout.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole numbers a numeric option takes. {@link FanoutCommandLine} checks it before the command runs, and a value out
 * of it, or not a number at all, gets one message naming the range ({@link CommandLineMistakes}), so that commands do
 * not each word their own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Range {

	long min() default Long.MIN_VALUE;

	/** At most the field type's own largest value, which is the default. */
	long max() default Long.MAX_VALUE;

}
