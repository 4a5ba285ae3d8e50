import { crc32, deflateSync } from "node:zlib";

/** Test images: a real PNG that browsers render, and stand-ins that only carry the right first bytes. */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of `size` x `size` pixels in one RGB colour. */
export function pngImage(size = 8, rgb: [number, number, number] = [46, 125, 80]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A PNG padded with an ancillary chunk to exactly `bytes` bytes (a size test that is still a PNG). */
export function pngOfSize(bytes: number): Buffer {
  const base = pngImage(1);
  const padding = bytes - base.length - 12;
  if (padding < 0) throw new Error(`a PNG cannot be ${bytes} bytes`);
  const end = base.length - 12; // before IEND
  return Buffer.concat([base.subarray(0, end), chunk("teSt", Buffer.alloc(padding, 7)), base.subarray(end)]);
}

/** The first bytes of a JPEG (enough for type detection; not a picture). */
export const jpegStandIn = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF\0rest")]);
/** The first bytes of a WebP. */
export const webpStandIn = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from("WEBPVP8 "),
]);
/** The first bytes of a GIF. */
export const gifStandIn = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00", "latin1");
