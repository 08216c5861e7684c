package dev.fanout.web.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fanout.history.ExecutionHistory;

/**
 * An execution's output files, read-only: output number {@code index} of its {@code JobOutputs} (a file), or a file
 * inside it (a directory) named by {@code path}. Nothing else is served: a path that leaves the output, by
 * {@code ..} or a link, is a 404 like any missing file. Pictures are shown inline; anything else is a download.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OutputFiles {

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final ExecutionHistory history;

	OutputFiles(ExecutionHistory history) {
		this.history = history;
	}

	@GetMapping("/executions/{id}/files/{index}")
	ResponseEntity<Resource> file(@PathVariable long id, @PathVariable int index,
			@RequestParam(defaultValue = "") String path) {
		List<String> outputs = this.history.detail(id).outputs();
		Optional<Path> file = resolve(outputs, index, path);
		if (file.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		String name = file.get().getFileName().toString();
		boolean picture = Pictures.isImage(file.get());
		return ResponseEntity.ok()
			.contentType(picture ? pictureType(name) : MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition(name, picture))
			.cacheControl(CacheControl.noCache())
			.body(new FileSystemResource(file.get()));
	}

	/**
	 * The file's name as a header may carry it. A job's input may have given an output a name with a line break or
	 * other control characters (a source file of openssl): sent as is, it failed the answer with a 500 (a header with
	 * CR or LF is refused). Such a name goes as {@code filename*} (RFC 5987, percent-encoded, which browsers read
	 * first), with {@code _} for those characters in the plain {@code filename}. Other names go as before.
	 */
	static String disposition(String name, boolean picture) {
		String plain = CONTROL.matcher(name).replaceAll("_");
		ContentDisposition.Builder disposition = picture ? ContentDisposition.inline() : ContentDisposition.attachment();
		if (plain.equals(name)) {
			return disposition.filename(name).build().toString();
		}
		String encoded = ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
		return disposition.filename(plain).build() + encoded.substring(encoded.indexOf("; filename*="));
	}

	/** One output as the detail page lists it. @param url its download link, {@code null} for a directory */
	public record Entry(String path, @Nullable String url) {

	}

	static List<Entry> entries(long executionId, List<String> outputs) {
		List<Entry> entries = new ArrayList<>();
		for (int index = 0; index < outputs.size(); index++) {
			String path = outputs.get(index);
			entries.add(new Entry(path, Files.isRegularFile(Path.of(path)) ? Pictures.url(executionId, index, "") : null));
		}
		return entries;
	}

	/**
	 * The regular file {@code path} names inside output {@code index} (the output itself when {@code path} is empty),
	 * if it stays inside that output once links are followed.
	 */
	static Optional<Path> resolve(List<String> outputs, int index, String path) {
		if (index < 0 || index >= outputs.size()) {
			return Optional.empty();
		}
		try {
			Path output = Path.of(outputs.get(index)).toRealPath();
			Path candidate = path.isEmpty() ? output : output.resolve(path).normalize();
			if (!Files.isRegularFile(candidate)) {
				return Optional.empty();
			}
			Path real = candidate.toRealPath();
			return (real.equals(output) || (Files.isDirectory(output) && real.startsWith(output))) ? Optional.of(real)
					: Optional.empty();
		}
		catch (IOException | InvalidPathException ex) {
			return Optional.empty();
		}
	}

	private static MediaType pictureType(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".png")) {
			return MediaType.IMAGE_PNG;
		}
		return lower.endsWith(".gif") ? MediaType.IMAGE_GIF : MediaType.IMAGE_JPEG;
	}

}
