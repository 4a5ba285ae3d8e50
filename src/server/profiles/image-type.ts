import type { PhotoContentType } from "../../contracts/profiles.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/**
 * The image type the bytes really are, from their first bytes ("magic numbers"), or null when
 * they are none of the types a photo may have.
 *
 * Example: imageTypeOf(Buffer.from("GIF89a...")) === null; a PNG's bytes give "image/png"
 * whatever Content-Type they were sent with.
 */
export function imageTypeOf(bytes: Uint8Array): PhotoContentType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, JPEG_SIGNATURE)) return "image/jpeg";
  // RIFF <4-byte size> WEBP
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

/** "image/png; charset=x" and "Image/PNG" are both "image/png". */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

const NAMES: Record<PhotoContentType, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

/** "PNG" for image/png: how people know the type. */
export function imageTypeName(type: PhotoContentType): string {
  return NAMES[type];
}
