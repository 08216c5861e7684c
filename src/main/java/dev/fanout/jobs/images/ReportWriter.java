package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Appends each chunk's outcomes, skips included, to the run's report in the work directory, in source order. The
 * report's committed length is saved with the chunk, and a restart cuts the file back to it, so a line is never
 * written twice, whatever moment the process died. The chunk whose outcomes complete the report (the one with the last
 * image's) publishes it, in its transaction: the run is one step, and no step of its own is spent on the report.
 * <p>
 * Skips arrive through {@link #onSkipInProcess} on the thread that processes the item (the step's own, as the step has
 * no task executor; the queue is concurrent so that it stays right if it gets one); Spring Batch calls {@link #write}
 * on the step's thread after all of the chunk's items were processed, and drains it there.
 * The channel is confined to the step's thread, which opens, writes, updates and closes the writer.
 */
class ReportWriter implements ItemStreamWriter<ImageOutcome>, SkipListener<PendingImage, ImageOutcome> {

	static final String FILE = "report.csv";

	static final String HEADER = "index,source,status,name,width,height,reason";

	private static final String LENGTH = "images.report.length";

	private final Path report;

	private final IntSupplier images;

	private final ImagesReport publication;

	private final JobExecution job;

	private final Queue<ImageOutcome> skipped = new ConcurrentLinkedQueue<>();

	private @Nullable FileChannel channel;

	/**
	 * @param images how many images the run has (known once the reader has opened)
	 * @param publication publishes the report once the last image's outcome is in it
	 */
	ReportWriter(Path workDirectory, IntSupplier images, ImagesReport publication, JobExecution job) {
		this.report = workDirectory.resolve(FILE);
		this.images = images;
		this.publication = publication;
		this.job = job;
	}

	@Override
	public void onSkipInProcess(PendingImage item, Throwable cause) {
		this.skipped.add(ImageOutcome.skipped(item.source(), String.valueOf(cause.getMessage())));
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			Files.createDirectories(this.report.getParent());
			this.channel = FileChannel.open(this.report, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			long committed = context.getLong(LENGTH, 0L);
			this.channel.truncate(committed);
			this.channel.position(committed);
			if (committed == 0) {
				append(List.of(HEADER));
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot open the report " + this.report + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void write(Chunk<? extends ImageOutcome> chunk) throws IOException {
		List<ImageOutcome> outcomes = new ArrayList<>(chunk.getItems());
		for (ImageOutcome skip; (skip = this.skipped.poll()) != null;) {
			outcomes.add(skip);
		}
		outcomes.sort(Comparator.comparingInt(ImageOutcome::index));
		append(outcomes.stream().map(ReportWriter::line).toList());
		// On disk before the chunk's commit records the new length.
		this.channel.force(false);
		if (!outcomes.isEmpty() && outcomes.get(outcomes.size() - 1).index() == this.images.getAsInt() - 1) {
			this.publication.publish(this.job);
		}
	}

	private void append(List<String> lines) throws IOException {
		StringBuilder text = new StringBuilder();
		lines.forEach((line) -> text.append(line).append('\n'));
		ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
		while (bytes.hasRemaining()) {
			this.channel.write(bytes);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		try {
			context.putLong(LENGTH, this.channel.position());
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot read the report's length: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			if (this.channel != null) {
				this.channel.close();
				this.channel = null;
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot close the report: " + ex.getMessage(), ex);
		}
	}

	static String line(ImageOutcome outcome) {
		return String.join(",", Integer.toString(outcome.index()), csv(outcome.source()), outcome.status().name(),
				csv(outcome.name()), (outcome.size() != null) ? Integer.toString(outcome.size().width()) : "",
				(outcome.size() != null) ? Integer.toString(outcome.size().height()) : "", csv(outcome.reason()));
	}

	private static String csv(@Nullable String text) {
		if (text == null) {
			return "";
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return '"' + text.replace("\"", "\"\"").replace("\n", " ") + '"';
		}
		return text;
	}

}
