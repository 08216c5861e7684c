package dev.fanout.remote;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What {@code fanout worker} and a manager say when they cannot use the broker, from the failures the machine's
 * RabbitMQ (127.0.0.1:5672) and a closed port really give.
 */
class BrokerTests {

	@Test
	void aLoginTheBrokerRefusesNamesTheUserAndTheSettingsWithoutThePasswordOrAdviceToStartIt() {
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
		broker.setUsername("guest");
		broker.setPassword("not-the-password-1234");
		try {
			AmqpException refused = catchThrowableOfType(AmqpException.class, broker::createConnection);

			assertThat(Broker.unreachable(broker, refused)).startsWith("RabbitMQ at 127.0.0.1:5672 refused the login "
					+ "of user 'guest' (ACCESS_REFUSED")
				.contains("spring.rabbitmq.username and spring.rabbitmq.password")
				.doesNotContain("not-the-password-1234", "start it", "cannot be reached");
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void aBrokerThatDoesNotAnswerIsToBeStartedOrLookedForElsewhere() {
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 1); // nothing listens on port 1
		try {
			AmqpException refused = catchThrowableOfType(AmqpException.class, broker::createConnection);

			assertThat(Broker.unreachable(broker, refused))
				.startsWith("RabbitMQ at 127.0.0.1:1 cannot be reached (Connection refused): start it, or set "
						+ "spring.rabbitmq.host and spring.rabbitmq.port");
		}
		finally {
			broker.destroy();
		}
	}

}
