package dev.fanout.jobs.images.http;

/** How {@link HttpGallery} sends an image. */
public enum UploadMethod {

	/** {@code PUT <base>/<name>} with the image as the body. */
	PUT,

	/** {@code POST <base>} as {@code multipart/form-data}, one part {@code file} whose filename is the name. */
	POST

}
