/** Builders of the coded criteria: per-side codes and, when small, a table of every code pair. */
import type { Sides } from "./build-features.ts";
import { codedFeature, dedupe } from "./coded-features.ts";
import type { CategoricalCriterion, ExperienceGapCriterion } from "./match-config.ts";
import type { Participant } from "./participant.ts";
import type { CodedFeature, Feature } from "./prepared.ts";
import { WEEK_WORDS, type WeekBits, type WeekSlotter } from "./week-slots.ts";

export const normalise = (value: unknown): string =>
  value === undefined || value === null ? "" : String(value).trim().toLowerCase();

export function categorical(criterion: CategoricalCriterion, sides: Sides): Feature {
  const codes = new Map<string, number>();
  const answerOf = (p: Participant): string =>
    normalise(criterion.question ? p.answers?.[criterion.question] : p[criterion.field!]);
  const encode = (people: readonly Participant[]): Int32Array =>
    Int32Array.from(people, (p) => {
      const value = answerOf(p);
      if (value === "") return 0;
      if (!codes.has(value)) codes.set(value, codes.size + 1);
      return codes.get(value)!;
    });
  const mentee = encode(sides.mentees);
  const mentor = encode(sides.mentors);
  const count = codes.size + 1;
  return codedFeature(mentee, mentor, count, count, { kind: "categorical", same: criterion.kind === "same" });
}

export function gap(criterion: ExperienceGapCriterion, sides: Sides): Feature {
  const side = (people: readonly Participant[]) => {
    const years = people.map((p) => p.yearsExperience ?? Number.NaN);
    const { code, first } = dedupe(years.map(String));
    return { code, values: Float64Array.from(first, (k) => years[k]) };
  };
  const mentee = side(sides.mentees);
  const mentor = side(sides.mentors);
  return codedFeature(mentee.code, mentor.code, mentee.values.length, mentor.values.length, {
    kind: "gap",
    menteeYears: mentee.values,
    mentorYears: mentor.values,
    minGap: criterion.minGap ?? 2,
    maxGap: criterion.maxGap ?? 15,
    tolerance: criterion.tolerance ?? 3,
  });
}

function packed(people: readonly Participant[], words: number, bitsOf: (p: Participant) => Uint32Array) {
  const all = people.map(bitsOf);
  const { code, first } = dedupe(all.map((b) => b.join(",")));
  const out = new Uint32Array(first.length * words);
  first.forEach((k, c) => {
    out.set(all[k], c * words);
  });
  return { code, bits: out, count: first.length };
}

export function week(
  sides: Sides,
  windowsOf: (p: Participant) => Parameters<WeekSlotter["windowsToBits"]>[1],
  fullMinutes: number,
  passMinutes: number,
): CodedFeature {
  const cache = new Map<string, WeekBits>();
  const bitsOf = (p: Participant): WeekBits => {
    const windows = windowsOf(p);
    const key = `${p.timeZone}|${JSON.stringify(windows)}`;
    let bits = cache.get(key);
    if (!bits) {
      bits = sides.slotter.windowsToBits(p.timeZone, windows);
      cache.set(key, bits);
    }
    return bits;
  };
  const mentee = packed(sides.mentees, WEEK_WORDS, bitsOf);
  const mentor = packed(sides.mentors, WEEK_WORDS, bitsOf);
  return codedFeature(mentee.code, mentor.code, mentee.count, mentor.count, {
    kind: "week",
    menteeBits: mentee.bits,
    mentorBits: mentor.bits,
    fullMinutes,
    passMinutes,
  });
}

export function language(sides: Sides): Feature {
  const bits = new Map<string, number>();
  for (const p of [...sides.mentees, ...sides.mentors]) {
    for (const l of p.languages ?? []) if (!bits.has(normalise(l))) bits.set(normalise(l), bits.size);
  }
  const words = Math.max(1, Math.ceil(bits.size / 32));
  const maskOf = (p: Participant) => {
    const out = new Uint32Array(words);
    for (const l of p.languages ?? []) {
      const b = bits.get(normalise(l))!;
      out[b >>> 5] |= 1 << (b & 31);
    }
    return out;
  };
  const mentee = packed(sides.mentees, words, maskOf);
  const mentor = packed(sides.mentors, words, maskOf);
  return codedFeature(mentee.code, mentor.code, mentee.count, mentor.count, {
    kind: "mask",
    words,
    menteeMasks: mentee.bits,
    mentorMasks: mentor.bits,
  });
}
