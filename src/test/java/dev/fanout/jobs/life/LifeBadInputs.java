package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.NO_PASSWORD;
import static dev.fanout.cli.BadInput.failed;
import static dev.fanout.cli.BadInput.linkOutside;
import static dev.fanout.cli.BadInput.ownDataDirectory;
import static dev.fanout.cli.BadInput.refused;

/**
 * life's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its
 * {@link LifeKillScenario}.
 */
public final class LifeBadInputs {

	private LifeBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(refused("life unknown parameter", "run life colour=red", "unknown parameter colour for job 'life'"),
				refused("life missing pattern", "run life pattern=life/missing.rle",
						"pattern=life/missing.rle: no such file or directory in the working directory"),
				refused("life pattern is a directory", "run life pattern=life", "cannot read pattern {data}/life"),
				refused("life RLE unknown tag", "run life pattern=life/bad-tag.rle", "bad-tag.rle line 2: unknown tag 'q'")
					.withFile("life/bad-tag.rle", "x = 3, y = 1\n2oq!\n"),
				refused("life RLE missing header", "run life pattern=life/no-header.rle", "no-header.rle line 1: missing or malformed RLE header")
					.withFile("life/no-header.rle", "bo$2bo$3o!\n"),
				refused("life RLE row wider than declared", "run life pattern=life/wide.rle",
						"wide.rle line 2: row 1 has 5 or more cells, more than the declared width x = 2")
					.withFile("life/wide.rle", "x = 2, y = 1\n5o!\n"),
				refused("life RLE rows beyond declared height", "run life pattern=life/tall.rle", "tall.rle line 2: 3$ goes to row 4, beyond the declared height y = 2")
					.withFile("life/tall.rle", "x = 2, y = 2\no3$o!\n"),
				refused("life RLE run count overflowing", "run life pattern=life/count.rle", "count.rle line 2: run count 9999999999... is too large for a 2×1 pattern")
					.withFile("life/count.rle", "x = 2, y = 1\n99999999999o!\n"),
				refused("life RLE header too large for the heap", "run life pattern=life/huge.rle", "huge.rle line 1: a 1000000×1000000 pattern is too large")
					.withFile("life/huge.rle", "x = 1000000, y = 1000000\no!\n"),
				refused("life RLE unsupported rule", "run life pattern=life/highlife.rle", "rule = B36/S23 is not supported")
					.withFile("life/highlife.rle", "x = 1, y = 1, rule = B36/S23\no!\n"),
				refused("life RLE zero size", "run life pattern=life/zero.rle", "zero.rle line 1: x = 0 in the header is not a positive size")
					.withFile("life/zero.rle", "x = 0, y = 1\n!\n"),
				refused("life RLE empty", "run life pattern=life/empty.rle", "empty.rle holds no pattern")
					.withFile("life/empty.rle", "#C nothing\n"),
				refused("life plain text stray character", "run life pattern=life/stray.txt",
						"stray.txt line 2 column 2: 'x' is not a cell; the plain text format has '*' for alive and '-' for dead")
					.withFile("life/stray.txt", "-*-\n-x*\n***\n"),
				refused("life LifeWiki plaintext stray character", "run life pattern=life/stray.cells",
						"stray.cells line 3 column 2: 'o' is not a cell; LifeWiki's plaintext (.cells) format has 'O' for alive and '.' for dead")
					.withFile("life/stray.cells", "!Name: Glider\n.O.\n.oO\nOOO\n"),
				refused("life pattern not UTF-8 text", "run life pattern=life/glider.png",
						"pattern={data}/life/glider.png is not a UTF-8 text file (a binary file, or text in another encoding); a pattern is text")
					.withSetup((data) -> Files.write(data.resolve("life/glider.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0 })),
				refused("life plain text blank line between rows", "run life pattern=life/gap.txt", "gap.txt line 2 is blank between rows")
					.withFile("life/gap.txt", "-*-\n\n***\n"),
				refused("life pattern larger than grid", "run life width=3", "but the grid is only 3×5"),
				refused("life pattern wider than the largest grid", "run life pattern=life/line.rle",
						"the pattern is 1048577×1 cells (width × height), and the grid takes its size, but a grid's side is at most 1048576 cells")
					.withFile("life/line.rle", "x = 1048577, y = 1\no!\n"),
				refused("life grid too large for the heap", "run life width=1000000 height=1000000", "more than the"),
				failed("life output folder linking outside", "run life",
						"{data}/out/life/instance-1 leads to {outside}, outside the data directory {data}; remove the link")
					.withSettings(ownDataDirectory("life-output-link", NO_PASSWORD))
					.withSetup(linkOutside("out/life/instance-1")),
				refused("life zero width", "run life width=0", "width=0 is not a whole number from 1 to 1048576"),
				refused("life width too large", "run life width=2000000", "width=2000000 is not a whole number from 1 to 1048576"),
				refused("life height not a number", "run life height=tall", "height=tall is not a whole number"),
				refused("life negative generations", "run life generations=-1", "generations=-1 is not a whole number from 0"),
				refused("life zero partitions", "run life partitions=0", "partitions=0 is not a whole number from 1 to 256"),
				refused("life zero checkpoint", "run life checkpoint=0", "checkpoint=0 is not a whole number from 1"),
				refused("life negative x", "run life x=-1", "x=-1 is not a whole number from 0"),
				refused("life unknown placement", "run life placement=left", "placement=left: the only placement is center"),
				refused("life placement and position", "run life placement=center x=1", "give either placement=center or x= and y=, not both"),
				refused("life unknown executor", "run life executor=fibers", "executor=fibers is not platform or virtual"),
				refused("life zero cell threads", "run life cellThreads=0", "cellThreads=0 is not a whole number from 1 to 4096"),
				refused("life bad duration", "run life cellLatency=soon", "cellLatency=soon is not a duration; write it like 500ms"),
				refused("life negative duration", "run life cellLatency=-5ms", "cellLatency=-5ms is not a duration"),
				refused("life duration too long", "run life cellLatency=11s", "cellLatency=11s is more than 10s"));
	}

}
