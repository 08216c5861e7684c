package dev.fanout.jobs.sensors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fanout.RepositoryQueries;
import dev.fanout.crash.KillScenario;
import dev.fanout.crash.OutputFiles;
import dev.fanout.jobs.sensors.counting.CountResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sensors killed while its workers read: 4 sensors × 2,000 readings of 1 ms, committed every 100, counted by the
 * shared locked counter, which a restart rebuilds from the committed counts. Work is readings committed (counted in
 * the partitions' contexts). The result's duration differs between runs; the rest of it is compared.
 */
public class SensorsKillScenario extends KillScenario {

	@Override
	public String job() {
		return SensorsJobConfiguration.JOB;
	}

	@Override
	public List<String> parameters() {
		return List.of("sensors=4", "readings=2000", "readLatency=1ms", "counter=locked");
	}

	@Override
	public List<String> settings(Path data) {
		return List.of("--fanout.sensors.chunk-size=100");
	}

	@Override
	public long totalWork() {
		return 4 * 2000;
	}

	/**
	 * The readings the execution's partitions committed: the count each saved in its context (what a restart resumes
	 * from) less what its previous execution had saved. Not the steps' READ_COUNT: the repository saves it after the
	 * context, in a transaction of its own, so a kill between the two leaves it a chunk behind (see package-info).
	 */
	@Override
	public long committedWork(Path data, long execution) throws SQLException {
		Map<String, Long> counted = new HashMap<>();
		long work = 0;
		for (String[] partition : RepositoryQueries.rows(data, """
				select s.JOB_EXECUTION_ID, s.STEP_NAME, coalesce(c.SERIALIZED_CONTEXT, c.SHORT_CONTEXT)
				from BATCH_STEP_EXECUTION s
				join BATCH_STEP_EXECUTION_CONTEXT c on c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID
				join BATCH_JOB_EXECUTION e on e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
				where e.JOB_INSTANCE_ID = (select JOB_INSTANCE_ID from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = %d)
				and s.JOB_EXECUTION_ID <= %d and s.STEP_NAME like '%s:%%'
				order by s.STEP_EXECUTION_ID""".formatted(execution, execution, SensorsJobConfiguration.WORKER_STEP))) {
			long saved = (Long) context(partition[2]).getOrDefault(CountingWriter.COUNTED, 0L);
			Long before = counted.put(partition[1], saved);
			if (Long.parseLong(partition[0]) == execution) {
				work += saved - ((before != null) ? before : 0);
			}
		}
		return work;
	}

	/** A step execution context as Spring Batch stores it: a serialized map, in Base64. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> context(String stored) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
			return (Map<String, Object>) in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("cannot read a step execution context", ex);
		}
	}

	@Override
	public Map<String, String> output(Path data) throws Exception {
		Map<String, String> output = OutputFiles.of(data.resolve("out/sensors"));
		output.replaceAll((name, csv) -> csv.replaceAll(",[0-9.]+\n", ",<seconds>\n"));
		return output;
	}

	@Override
	public void checkOutput(Path data) throws Exception {
		assertThat(data.resolve("out/sensors/instance-1.csv")).content().startsWith(CountResult.HEADER + "\nlocked,4,2000,8000,8000,0,");
	}

}
