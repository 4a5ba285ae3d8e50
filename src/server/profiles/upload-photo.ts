import type { Photo } from "../../contracts/profiles.ts";
import type { Membership } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, invalidField } from "../http/app-error.ts";
import { imageTypeName, imageTypeOf } from "./image-type.ts";
import { UNSUPPORTED_PHOTO_MESSAGE, UploadedImage } from "./photo-body.ts";
import { presentPhoto } from "./profile.presenter.ts";

/**
 * Replaces the member's photo. The bytes must really be the type declared in Content-Type (a
 * PNG sent as image/jpeg is refused), so the type served later is the type of the bytes.
 */
export async function uploadPhoto(deps: ServerDeps, actor: Membership, body: unknown): Promise<Photo> {
  if (!(body instanceof UploadedImage))
    throw new AppError("unsupported_media_type", UNSUPPORTED_PHOTO_MESSAGE);
  if (body.bytes.length === 0) throw invalidField("body", "is empty: send the image itself as the body");
  const actual = imageTypeOf(body.bytes);
  if (!actual) throw new AppError("unsupported_media_type", "The file is not a PNG, JPEG or WebP image.");
  if (actual !== body.declaredType)
    throw new AppError(
      "unsupported_media_type",
      `The file is a ${imageTypeName(actual)} image but was sent as ${body.declaredType}.`,
    );
  const now = deps.now();
  await deps.repos.profiles.setPhoto(
    actor.orgId,
    actor.userId,
    { contentType: actual, bytes: body.bytes },
    now,
  );
  const photo = presentPhoto({
    orgId: actor.orgId,
    userId: actor.userId,
    photoContentType: actual,
    photoUpdatedAt: now,
  });
  if (!photo) throw new Error("a photo just stored has no presentation");
  return photo;
}
