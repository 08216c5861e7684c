package dev.fanout.jobs.factorize;

import java.nio.file.Files;
import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.refused;

/**
 * factorize's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its
 * {@link FactorizeKillScenario}.
 */
public final class FactorizeBadInputs {

	private FactorizeBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(refused("factorize unknown parameter", "run factorize color=blue",
				"unknown parameter color for job 'factorize'; it takes: numbers, file, threads, algorithm"),
				refused("factorize word among numbers", "run factorize numbers=12,abc", "numbers: value 2: 'abc' is not a whole number"),
				refused("factorize zero", "run factorize numbers=12,0", "numbers: value 2: 0 is not positive"),
				refused("factorize negative", "run factorize numbers=-5", "numbers: value 1: -5 is not positive"),
				refused("factorize number too large", "run factorize numbers=99999999999999999999",
						"too large; the largest supported number is 9223372036854775807"),
				refused("factorize numbers too long for the repository", "run factorize numbers=" + "1234567,".repeat(399) + "1234567",
						"numbers is 3,199 characters long, more than the 2,500 the job repository keeps of a parameter: "
								+ "put the values in a file and give file=PATH instead"),
				refused("factorize empty numbers", "run factorize numbers=", "numbers= is empty"),
				refused("factorize empty value", "run factorize numbers=4,,6", "numbers: value 2 is empty"),
				refused("factorize numbers and file", "run factorize numbers=4 file=factorize/numbers.txt",
						"give either numbers=N1,N2,... or file=PATH (not both, not neither)"),
				refused("factorize naive too large", "run factorize numbers=10000000019 algorithm=naive",
						"number 1 (10000000019) is too large for algorithm=naive"),
				refused("factorize zero threads", "run factorize threads=0", "threads=0 is not a whole number from 1 to 256"),
				refused("factorize too many threads", "run factorize threads=257", "threads=257 is not a whole number from 1 to 256"),
				refused("factorize threads not a number", "run factorize threads=two", "threads=two is not a whole number"),
				refused("factorize unknown algorithm", "run factorize algorithm=quick", "algorithm=quick is not one of naive, fast"),
				refused("factorize missing file", "run factorize file=missing.txt",
						"file=missing.txt: no such file or directory in the working directory"),
				refused("factorize file is a directory", "run factorize file=factorize", "file={data}/factorize: no readable file\n"),
				refused("factorize empty file", "run factorize file=factorize/empty.txt", "empty.txt holds no numbers")
					.withFile("factorize/empty.txt", "# nothing here\n\n"),
				refused("factorize word in file", "run factorize file=factorize/bad.txt", "bad.txt line 3: 'twelve' is not a whole number")
					.withFile("factorize/bad.txt", "# numbers\n12\ntwelve\n"),
				refused("factorize negative in file", "run factorize file=factorize/negative.txt", "negative.txt line 2: -3 is not positive")
					.withFile("factorize/negative.txt", "12\n-3\n"),
				refused("factorize binary file", "run factorize file=factorize/binary.txt", "is not a UTF-8 text file")
					.withSetup((data) -> Files.write(data.resolve("factorize/binary.txt"), new byte[] { '1', (byte) 0xC3, '\n' })));
		// A file outside the data directory is no bad input from the command line, a local operator's
		// (FanoutCommandLineTests); launches over the network refuse it (JobsApiTests).
	}

}
