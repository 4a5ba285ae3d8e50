import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  covers,
  intersect,
  normalise,
  overlaps,
  type Range,
  subtract,
  totalLength,
  widen,
} from "./ranges.ts";

const r = (start: number, end: number): Range => ({ start, end });

describe("normalise", () => {
  it("sorts, merges overlapping and touching ranges, drops empty ones", () => {
    expect(normalise([r(5, 9), r(1, 3), r(3, 4), r(7, 7), r(8, 6)])).toEqual([r(1, 4), r(5, 9)]);
  });

  it("returns copies, never the caller's objects", () => {
    const input = [r(1, 2)];
    const output = normalise(input);
    output[0].end = 99;
    expect(input[0].end).toBe(2);
  });
});

describe("intersect, subtract, widen", () => {
  it("intersect keeps what both hold; touching is not sharing", () => {
    expect(intersect([r(0, 10), r(20, 30)], [r(5, 25)])).toEqual([r(5, 10), r(20, 25)]);
    expect(intersect([r(0, 10)], [r(10, 20)])).toEqual([]);
  });

  it("subtract cuts holes and trims ends; a cut spanning two ranges cuts both", () => {
    expect(subtract([r(0, 10)], [r(2, 3), r(8, 12)])).toEqual([r(0, 2), r(3, 8)]);
    expect(subtract([r(0, 10), r(20, 30)], [r(5, 25)])).toEqual([r(0, 5), r(25, 30)]);
    expect(subtract([r(0, 10)], [r(-5, 15)])).toEqual([]);
  });

  it("widen grows each side and merges what now overlaps; negative amounts shrink", () => {
    expect(widen([r(100, 200), r(230, 300)], 10, 20)).toEqual([r(90, 320)]);
    expect(widen([r(100, 200)], -60, -60)).toEqual([]);
  });

  it("covers, overlaps and totalLength", () => {
    expect(covers([r(0, 10)], r(2, 10))).toBe(true);
    expect(covers([r(0, 5), r(5, 10)].slice(0, 1), r(2, 7))).toBe(false);
    expect(overlaps([r(0, 10)], r(10, 20))).toBe(false);
    expect(overlaps([r(0, 10)], r(9, 20))).toBe(true);
    expect(totalLength([r(0, 10), r(5, 15)])).toBe(15);
  });
});

describe("against a reference of one boolean per unit", () => {
  const SIZE = 60;
  const rangeArbitrary = fc
    .tuple(fc.integer({ min: -5, max: SIZE + 5 }), fc.integer({ min: -5, max: SIZE + 5 }))
    .map(([start, end]) => r(start, end));
  const rangesArbitrary = fc.array(rangeArbitrary, { maxLength: 8 });
  const cells = (ranges: readonly Range[]) =>
    Array.from({ length: SIZE + 20 }, (_, i) => ranges.some((x) => x.start <= i - 10 && i - 10 < x.end));
  const isNormal = (ranges: Range[]) =>
    ranges.every((x, i) => x.end > x.start && (i === 0 || x.start > ranges[i - 1].end));

  it("normalise keeps the same units and yields sorted, disjoint, non-touching ranges", () => {
    fc.assert(
      fc.property(rangesArbitrary, (a) => {
        const out = normalise(a);
        expect(isNormal(out)).toBe(true);
        expect(cells(out)).toEqual(cells(a));
      }),
      { numRuns: 300 },
    );
  });

  it("intersect, subtract and widen agree unit by unit", () => {
    fc.assert(
      fc.property(
        rangesArbitrary,
        rangesArbitrary,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, before, after) => {
          const ca = cells(a);
          const cb = cells(b);
          const both = intersect(a, b);
          const rest = subtract(a, b);
          expect(isNormal(both) && isNormal(rest)).toBe(true);
          expect(cells(both)).toEqual(ca.map((x, i) => x && cb[i]));
          expect(cells(rest)).toEqual(ca.map((x, i) => x && !cb[i]));
          const grown = widen(a, before, after);
          const expected = cells(a).map((_, i) =>
            ca.some((held, j) => held && j - before <= i && i < j + 1 + after),
          );
          expect(cells(grown)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
