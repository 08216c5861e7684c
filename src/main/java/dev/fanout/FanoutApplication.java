package dev.fanout;

import java.io.PrintWriter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.launch.ExitCodes;
import dev.fanout.launch.FanoutCommandLine;
import dev.fanout.system.ReadableFailures;

@SpringBootApplication
public class FanoutApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context;
		try {
			context = SpringApplication.run(FanoutApplication.class, args);
		}
		catch (RuntimeException ex) {
			// Logs go to the log file only; the operator still needs to see why nothing ran.
			System.err.println("fanout: could not start: " + ReadableFailures.describe(ex));
			System.exit(ExitCodes.FAILED);
			return;
		}
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		int exitCode = context.getBean(FanoutCommandLine.class)
			.execute(args, out, err, FanoutCommandLine.stdoutIsTerminal());
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

}
