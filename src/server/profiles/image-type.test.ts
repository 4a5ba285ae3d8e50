import { describe, expect, it } from "vitest";
import { imageTypeOf, mediaTypeOf } from "./image-type.ts";

const bytes = (...values: (number | string)[]) =>
  Buffer.concat(
    values.map((value) => (typeof value === "string" ? Buffer.from(value, "latin1") : Buffer.from([value]))),
  );

describe("the real type of an image, from its first bytes", () => {
  it("recognises PNG, JPEG and WebP", () => {
    expect(imageTypeOf(bytes(0x89, "PNG\r\n\x1a\n", "rest"))).toBe("image/png");
    expect(imageTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0, "JFIF"))).toBe("image/jpeg");
    expect(imageTypeOf(bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses GIF, SVG, a RIFF that is not WebP, text, and files too short to tell", () => {
    for (const sample of [
      bytes("GIF89a", 1, 0, 1, 0),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt "),
      bytes("hello"),
      bytes(0x89, "PN"),
      bytes(0xff, 0xd8),
      Buffer.alloc(0),
    ]) {
      expect(imageTypeOf(sample), JSON.stringify(sample.toString("latin1"))).toBeNull();
    }
  });

  it("reads the media type of a Content-Type header without parameters or case", () => {
    expect(mediaTypeOf("Image/PNG; charset=binary")).toBe("image/png");
    expect(mediaTypeOf(undefined)).toBe("");
  });
});
