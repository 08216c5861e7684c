package dev.fanout.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of remote partitioning ({@code fanout.remote.*}); the broker is Spring's {@code spring.rabbitmq.*}.
 *
 * @param queue the queue of partition requests; its dead letters go to {@code <queue>.dead}
 * @param pollInterval how often the manager reads its partitions' statuses from the repository
 * @param noWorkerWait how long a partition may wait for a worker: then the manager fails it if no worker listens, and
 * sends its request again once if workers listen but the queue no longer holds it (failing it the second time)
 * @param heartbeat how often a worker refreshes its row in {@code FANOUT_WORKER}
 * @param workerTimeout a worker whose heartbeat is older is dead: its running partitions are handed on
 * @param handOns how often one partition whose worker died is handed on to another worker before it fails instead
 */
@ConfigurationProperties("fanout.remote")
record RemoteProperties(@DefaultValue("fanout.partitions") String queue, @DefaultValue("20ms") Duration pollInterval,
		@DefaultValue("60s") Duration noWorkerWait, @DefaultValue("2s") Duration heartbeat,
		@DefaultValue("15s") Duration workerTimeout, @DefaultValue("2") int handOns) {

	String deadLetterQueue() {
		return this.queue + ".dead";
	}

}
