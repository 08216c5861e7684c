package dev.fanout.batch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.fanout.core.AtomicFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of {@code fanout bench all}: every bench's result, as text (each bench's command line, then what it
 * printed, in the order it printed it) and as JSON, the same content, for comparing one release with another. The
 * JSON's {@code format} names its version.
 *
 * @param command the command line that produced it
 * @param machine the machine, as it was when the first bench started
 * @param results each bench's result, in the order they ran
 */
public record BenchReport(String command, Machine machine, List<BenchResult> results) {

	/** The version of the JSON's shape; change it when a field changes meaning or disappears. */
	public static final String FORMAT = "fanout-bench/2";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public BenchReport {
		results = List.copyOf(results);
	}

	public String text() {
		List<String> lines = new ArrayList<>();
		lines.add("fanout bench report (" + FORMAT + "): " + this.command);
		lines.add("machine: " + this.machine.describe());
		for (BenchResult result : this.results) {
			lines.add("");
			lines.add("== " + result.command());
			lines.addAll(result.lines());
		}
		lines.add("");
		lines.add(summary());
		return String.join("\n", lines) + "\n";
	}

	/**
	 * {@code 5 benches, 12 ratios with a target: 9 met, 3 missed; 0 not completed}, and how many were not judged when
	 * some were ({@code bench all --size tiny}).
	 */
	public String summary() {
		long targets = this.results.stream().flatMap((r) -> r.ratios().stream()).filter((r) -> r.target() != null).count();
		long met = this.results.stream().mapToLong((r) -> r.count("met")).sum();
		long missed = this.results.stream().mapToLong(BenchResult::missed).sum();
		long unjudged = this.results.stream().mapToLong((r) -> r.count("not judged")).sum();
		long failed = this.results.stream().filter((r) -> !r.completed()).count();
		return "%d benches, %d ratios with a target: %d met, %d missed%s; %d not completed".formatted(
				this.results.size(), targets, met, missed, (unjudged > 0) ? ", " + unjudged + " not judged" : "",
				failed);
	}

	public String json() {
		ObjectNode root = JSON.createObjectNode();
		root.put("format", FORMAT);
		root.put("command", this.command);
		root.set("machine", machine(this.machine));
		ArrayNode benches = root.putArray("benches");
		for (BenchResult result : this.results) {
			ObjectNode bench = benches.addObject();
			bench.put("bench", result.bench());
			bench.put("command", result.command());
			bench.put("started", result.machine().date());
			bench.put("completed", result.completed());
			bench.put("problem", result.problem());
			ObjectNode inputs = bench.putObject("inputs");
			result.inputs().forEach((name, value) -> inputs.set(name, value(value)));
			ArrayNode measurements = bench.putArray("measurements");
			for (Measurement m : result.measurements()) {
				ObjectNode node = measurements.addObject();
				node.put("label", m.label());
				node.put("runs", m.samples().size());
				node.put("bestSeconds", m.best());
				node.put("medianSeconds", m.median());
				ArrayNode seconds = node.putArray("seconds");
				m.samples().forEach((s) -> seconds.add(s.seconds()));
				number(node, "cores", m.cores());
				node.put("detail", m.detail());
			}
			ArrayNode ratios = bench.putArray("ratios");
			for (Ratio r : result.ratios()) {
				ObjectNode node = ratios.addObject();
				node.put("label", r.label());
				number(node, "value", r.value());
				node.put("basis", (r.basis() == Ratio.Basis.BEST) ? "best" : "median");
				if (r.target() == null) {
					node.putNull("target");
				}
				else {
					ObjectNode target = node.putObject("target");
					target.put("bound", r.target().atMost() ? "<=" : ">=");
					target.put("limit", r.target().limit());
				}
				node.put("verdict", r.verdict());
			}
			ArrayNode notes = bench.putArray("notes");
			result.notes().forEach(notes::add);
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
	}

	/**
	 * Writes {@code bench-<UTC date>.txt} and {@code .json} into {@code directory}, each atomically.
	 *
	 * @return the text file and the JSON file
	 */
	public List<Path> write(Path directory) throws IOException {
		String name = "bench-" + Machine.utcStamp(this.machine.date());
		Path text = directory.resolve(name + ".txt");
		Path json = directory.resolve(name + ".json");
		String textContent = text();
		String jsonContent = json();
		AtomicFiles.write(text, (writer) -> writer.write(textContent));
		AtomicFiles.write(json, (writer) -> writer.write(jsonContent));
		return List.of(text, json);
	}

	private static ObjectNode machine(Machine machine) {
		ObjectNode node = JSON.createObjectNode();
		node.put("cores", machine.cores());
		node.put("jdk", machine.jdk());
		node.put("jit", machine.jit());
		node.put("os", machine.os());
		node.put("date", machine.date());
		return node;
	}

	/** An input as JSON: a number as a number, a list as an array, anything else as its text. */
	private static JsonNode value(Object value) {
		if (value instanceof Integer || value instanceof Long) {
			return JSON.getNodeFactory().numberNode(((Number) value).longValue());
		}
		if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
			return JSON.getNodeFactory().numberNode(number.doubleValue());
		}
		if (value instanceof Collection<?> values) {
			ArrayNode array = JSON.createArrayNode();
			values.forEach((element) -> array.add(value(element)));
			return array;
		}
		return JSON.getNodeFactory().stringNode(String.valueOf(value));
	}

	/** NaN and infinities are not JSON: null instead. */
	private static void number(ObjectNode node, String name, double value) {
		if (Double.isFinite(value)) {
			node.put(name, value);
		}
		else {
			node.putNull(name);
		}
	}

}
