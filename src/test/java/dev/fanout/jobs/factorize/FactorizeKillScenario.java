package dev.fanout.jobs.factorize;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import dev.fanout.crash.KillScenario;
import dev.fanout.crash.OutputFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * factorize killed among its workers: 40 naive factorizations of 50-70 million (~0.15 s each) on 2 workers committing
 * every 2 numbers. Work is numbers read by the workers: a chunk counts once committed.
 */
public class FactorizeKillScenario extends KillScenario {

	private static final List<Long> NUMBERS = new Random(6).longs(40, 50_000_000, 70_000_000).boxed().toList();

	@Override
	public String job() {
		return FactorizeJobConfiguration.JOB;
	}

	@Override
	public List<String> parameters() {
		return List.of("algorithm=naive", "threads=2",
				"numbers=" + NUMBERS.stream().map(String::valueOf).collect(Collectors.joining(",")));
	}

	@Override
	public List<String> settings(Path data) {
		return List.of("--fanout.factorize.chunk-size=2");
	}

	@Override
	public long totalWork() {
		return NUMBERS.size();
	}

	@Override
	public long committedWork(Path data, long execution) throws SQLException {
		return stepSum(data, execution, "READ_COUNT", "factorizeWorker:%");
	}

	@Override
	public Map<String, String> output(Path data) throws Exception {
		return OutputFiles.of(data.resolve("out/factorize"));
	}

	@Override
	public void checkOutput(Path data) throws Exception {
		assertThat(data.resolve("out/factorize/instance-1.csv")).content().isEqualTo(ExpectedCsv.of(NUMBERS));
	}

}
