package dev.fanout.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInstance;

import dev.fanout.TestDataDirectories;
import dev.fanout.core.FanoutProperties;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceFilesTests {

	@Test
	void namesBelongToTheInstanceTheyNameAndToNoOther() {
		assertThat(InstanceFiles.instanceOf("instance-12")).isEqualTo(12L);
		assertThat(InstanceFiles.instanceOf("instance-12.csv")).isEqualTo(12L);
		assertThat(InstanceFiles.instanceOf(".instance-12.csv.0f3c-77ab.tmp")).isEqualTo(12L);
		assertThat(InstanceFiles.instanceOf("instance-120.csv")).isEqualTo(120L);
		assertThat(InstanceFiles.instanceOf("instance-12x")).isNull();
		assertThat(InstanceFiles.instanceOf("my-instance-12.csv")).isNull();
		assertThat(InstanceFiles.instanceOf(".instance-12.csv")).isNull();
		assertThat(InstanceFiles.instanceOf("instance-99999999999999999999")).isNull();
	}

	@Test
	void findsAnInstancesOutputsInEveryOutputDirectoryAndNothingElse() throws Exception {
		Path data = TestDataDirectories.fresh("InstanceFilesTests-outputs");
		Path csv = write(data.resolve("out/factorize/instance-12.csv"));
		Path temporary = write(data.resolve("out/factorize/.instance-12.csv.0f3c.tmp"));
		Path gallery = write(data.resolve("out/gallery/instance-12/a.png")).getParent();
		Path other = write(data.resolve("out/life/instance-7/gen-000000001.grid")).getParent();
		List<Path> kept = List.of(write(data.resolve("out/factorize/instance-120.csv")),
				write(data.resolve("out/factorize/notes.txt")), write(data.resolve("work/factorize/instance-12/x")));

		Map<Long, List<Path>> outputs = new InstanceFiles(new FanoutProperties(data)).outputs(List.of(12L, 7L, 5L));

		assertThat(outputs).containsOnlyKeys(12L, 7L);
		assertThat(outputs.get(12L)).containsExactlyInAnyOrder(csv, temporary, gallery);
		assertThat(outputs.get(7L)).containsExactly(other);
		assertThat(outputs.values().stream().flatMap(List::stream)).doesNotContainAnyElementsOf(kept);
	}

	@Test
	void doesNotLookIntoAnOutputDirectoryThatLeadsOutOfTheDataDirectory() throws Exception {
		Path data = TestDataDirectories.fresh("InstanceFilesTests-linked-directory");
		write(linkedOutside(data.resolve("out/factorize")).resolve("instance-3.csv"));

		assertThat(new InstanceFiles(new FanoutProperties(data)).outputs(List.of(3L))).isEmpty();
	}

	@Test
	void deletingRemovesALinkAndNeverWhatItLeadsTo() throws Exception {
		Path data = TestDataDirectories.fresh("InstanceFilesTests-delete");
		Path elsewhere = TestDataDirectories.fresh("InstanceFilesTests-delete-elsewhere");
		Path precious = write(elsewhere.resolve("keep/precious.png"));
		Path tree = write(data.resolve("out/gallery/instance-4/a.png")).getParent();
		write(tree.resolve("nested/b.png"));
		Path inside = Files.createSymbolicLink(tree.resolve("link"), elsewhere.resolve("keep"));
		Path link = Files.createSymbolicLink(data.resolve("out/gallery/instance-5"), elsewhere.resolve("keep"));

		assertThat(InstanceFiles.size(tree)).isEqualTo(2 * "content".length());
		assertThat(InstanceFiles.delete(tree)).isEqualTo(2 * "content".length());
		InstanceFiles.delete(link);
		InstanceFiles.delete(data.resolve("out/gallery/instance-6"));

		assertThat(tree).doesNotExist();
		assertThat(inside).doesNotExist();
		assertThat(link).doesNotExist();
		assertThat(precious).hasContent("content");
	}

	@Test
	void anInstanceHasAWorkDirectoryOnlyUntilItCompletes() throws Exception {
		Path data = TestDataDirectories.fresh("InstanceFilesTests-work");
		InstanceFiles files = new InstanceFiles(new FanoutProperties(data));
		assertThat(files.work(new JobInstance(8L, "images"))).isEmpty();

		Path work = write(data.resolve("work/images/instance-8/sources.txt")).getParent();

		assertThat(files.work(new JobInstance(8L, "images"))).containsExactly(work);
	}

	@Test
	void doesNotLookIntoAWorkDirectoryThatLeadsOutOfTheDataDirectory() throws Exception {
		Path data = TestDataDirectories.fresh("InstanceFilesTests-linked-work");
		write(linkedOutside(data.resolve("work/images")).resolve("instance-9/partial"));

		assertThat(new InstanceFiles(new FanoutProperties(data)).work(new JobInstance(9L, "images"))).isEmpty();
	}

	/** Makes {@code link} a link to a new directory outside the data directory, and returns that directory. */
	private static Path linkedOutside(Path link) throws Exception {
		Path elsewhere = TestDataDirectories.fresh("InstanceFilesTests-elsewhere-" + link.getFileName());
		Files.createDirectories(link.getParent());
		Files.createSymbolicLink(link, elsewhere);
		return elsewhere;
	}

	private static Path write(Path file) throws Exception {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "content");
	}

}
