package dev.fanout.jobs.chapter;

import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.refused;

/**
 * chapter's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its tests: the
 * chapter has no kill scenario of its own ({@link ChapterProcessTests} kills it among its items).
 */
public final class ChapterBadInputs {

	private ChapterBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(
				refused("chapter parameter", "run chapter threads=2",
						"unknown parameter threads for job 'chapter', which takes no parameters; leave them out"),
				refused("chapter without the openssl password", "run chapter",
						"openssl: the openssl job needs a password: set the environment variable FANOUT_CATALOGUE_UNSET_PASSWORD"));
	}

}
