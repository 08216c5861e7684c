package dev.fanout.remote;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.fanout.core.Causes;

/**
 * The connection to RabbitMQ ({@code spring.rabbitmq.*}) and the request queues, for managers and workers alike.
 * Deliberately not a {@code @Configuration}: component scanning must not find it, only the two conditional
 * configurations import it, so a local process never connects to a broker. Boot's own Rabbit auto-configuration is
 * excluded (application.yml) for the same reason.
 */
@EnableConfigurationProperties({ RabbitProperties.class, RemoteProperties.class })
class Broker {

	@Bean
	CachingConnectionFactory rabbitConnectionFactory(RabbitProperties rabbit) {
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit.determineHost(), rabbit.determinePort());
		factory.setUsername(rabbit.determineUsername());
		factory.setPassword(rabbit.determinePassword());
		String virtualHost = rabbit.determineVirtualHost();
		if (virtualHost != null) {
			factory.setVirtualHost(virtualHost);
		}
		return factory;
	}

	/**
	 * Declares the queues below when the first connection opens (not at start-up: a command that sends nothing needs
	 * no broker). Declaring them again with the same arguments is harmless, so managers and workers both do.
	 */
	@Bean
	RabbitAdmin rabbitAdmin(CachingConnectionFactory connectionFactory) {
		return new RabbitAdmin(connectionFactory);
	}

	/** The request queue: durable; a request a worker rejects is dead-lettered, never redelivered. */
	@Bean
	Queue partitionRequestQueue(RemoteProperties properties) {
		return new Queue(properties.queue(), true, false, false, Map.of("x-dead-letter-exchange", "",
				"x-dead-letter-routing-key", properties.deadLetterQueue()));
	}

	@Bean
	Queue deadPartitionRequestQueue(RemoteProperties properties) {
		return new Queue(properties.deadLetterQueue(), true);
	}

	/** The broker's failure in {@code failure}'s causes, or {@code null} if it is not one. */
	static @Nullable AmqpException brokerFailure(Throwable failure) {
		return Causes.find(failure, AmqpException.class).orElse(null);
	}

	/**
	 * What to tell an operator when the broker cannot be reached, or refuses the login: where it was looked for, why
	 * not, what to set.
	 */
	static String unreachable(ConnectionFactory broker, AmqpException failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String why = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		if (Causes.find(failure, AmqpAuthenticationException.class).isPresent()) {
			// It answered: "start it" would send the operator looking for a broker that runs.
			return ("RabbitMQ at %s:%d refused the login of user '%s' (%s): check spring.rabbitmq.username and "
					+ "spring.rabbitmq.password (SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD), which the "
					+ "manager and its workers share").formatted(broker.getHost(), broker.getPort(),
							broker.getUsername(), why);
		}
		return ("RabbitMQ at %s:%d cannot be reached (%s): start it, or set spring.rabbitmq.host and "
				+ "spring.rabbitmq.port (SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT; the user and password: "
				+ "spring.rabbitmq.username and spring.rabbitmq.password) to the broker that the manager and its "
				+ "workers share").formatted(broker.getHost(), broker.getPort(), why);
	}

}
