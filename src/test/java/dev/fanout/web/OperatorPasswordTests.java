package dev.fanout.web;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;

import dev.fanout.WebTesting;
import dev.fanout.core.WebProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Kept only as a bcrypt hash": once {@code serve} has started, neither the environment nor a bean of the application
 * holds the operator's password, and the operator still logs in with it.
 */
class OperatorPasswordTests extends WebTesting {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theEnvironmentNoLongerHoldsThePassword() {
		for (PropertySource<?> source : this.context.getEnvironment().getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					assertThat(String.valueOf(enumerable.getProperty(name))).as(source.getName() + ": " + name)
						.doesNotContain(PASSWORD);
				}
			}
		}
		assertThat(this.context.getEnvironment().getProperty("fanout.web.operator.password")).isEqualTo("(hidden)");
	}

	@Test
	void noBeanHoldsThePasswordButTheOperatorAccountHoldsItsBcryptHash() {
		List<String> holders = new ArrayList<>();
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : this.context.getBeanFactory().getSingletonNames()) {
			Object bean = this.context.getBeanFactory().getSingleton(name);
			if (holds(bean, 0, seen)) {
				holders.add(name);
			}
		}
		assertThat(holders).isEmpty();

		OperatorAccount operator = this.context.getBean(OperatorAccount.class);
		assertThat(operator.passwordHash()).startsWith("{bcrypt}$2");
		assertThat(operator.toString()).doesNotContain(PASSWORD);
		assertThat(this.context.getBean(WebProperties.class).toString()).doesNotContain(PASSWORD);
	}

	@Test
	void theOperatorStillLogsInWithItAndOnlyThroughTheThrottle() throws Exception {
		assertThat(getAsOperator("/api/executions").status()).isEqualTo(200);
		// No other way in, such as the user that Spring Boot makes up when there is no authentication of our own.
		assertThat(this.context.getBeansOfType(AuthenticationProvider.class).values()).singleElement()
			.isInstanceOf(ThrottledAuthentication.class);
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	/**
	 * Whether the object, or an object it refers to (three levels down, through Fanout's and Spring's own classes,
	 * collections and maps), is or holds the password as a String or char array.
	 */
	private static boolean holds(Object value, int depth, Set<Object> seen) {
		if (value instanceof CharSequence text) {
			return text.toString().contains(PASSWORD);
		}
		if (value instanceof char[] chars) {
			return new String(chars).contains(PASSWORD);
		}
		if (depth > 3 || value == null || !seen.add(value)) {
			return false;
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection).stream().anyMatch((element) -> holds(element, depth + 1, seen));
		}
		if (value instanceof Map<?, ?> map) {
			return new ArrayList<>(map.entrySet()).stream().anyMatch((entry) -> holds(entry.getKey(), depth + 1, seen)
					|| holds(entry.getValue(), depth + 1, seen));
		}
		String type = value.getClass().getName();
		if (!type.startsWith("dev.fanout.") && !type.startsWith("org.springframework.")) {
			return false;
		}
		for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field field : c.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
					continue;
				}
				try {
					field.setAccessible(true);
					if (holds(field.get(value), depth + 1, seen)) {
						return true;
					}
				}
				catch (IllegalAccessException | RuntimeException ex) {
					// not readable from here (InaccessibleObjectException): not looked into
				}
			}
		}
		return false;
	}

}

