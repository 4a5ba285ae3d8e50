import type { FastifyError, FastifyInstance } from "fastify";
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from "../../contracts/profiles.ts";
import { AppError } from "../http/app-error.ts";
import { mediaTypeOf } from "./image-type.ts";

/**
 * An uploaded image as the body parser hands it to the handler. The bytes sit in a private field:
 * hooks that walk a body's enumerable values (the text guard's NUL check) would otherwise visit
 * a 2 MB buffer byte by byte (over a second) for nothing, since an image is not text.
 */
export class UploadedImage {
  readonly #bytes: Buffer;
  constructor(
    bytes: Buffer,
    /** The media type the client declared in Content-Type. */
    readonly declaredType: string,
  ) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

const MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);
export const UNSUPPORTED_PHOTO_MESSAGE = "Upload the photo as a PNG, JPEG or WebP image.";

/**
 * Lets the routes of `scope` (an encapsulated plugin: nowhere else) take a raw image as the body,
 * and words the framework's refusals for a photo: a body over the route's limit is 413
 * payload_too_large, any other media type 415 unsupported_media_type. The CSRF check runs before
 * any of this (onRequest), so a write without the token never gets as far as reading the body.
 */
export function acceptPhotoBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser([...PHOTO_CONTENT_TYPES], { parseAs: "buffer" }, (request, body, done) => {
    done(null, new UploadedImage(body as Buffer, mediaTypeOf(request.headers["content-type"])));
  });
  scope.setErrorHandler((error: FastifyError) => {
    // Thrown errors go on to the app's error handler, which writes the envelope.
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      throw new AppError(
        "payload_too_large",
        `The photo is larger than ${MAX_MB} MB. Choose a smaller image.`,
      );
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      throw new AppError("unsupported_media_type", UNSUPPORTED_PHOTO_MESSAGE);
    throw error;
  });
}
