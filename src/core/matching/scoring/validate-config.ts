import { CATEGORICAL_FIELDS, CRITERION_KINDS, type Criterion, type MatchConfig } from "./match-config.ts";

/** A config or input problem, with the place it was found ("criteria[2].kind") in `path`. */
export class MatchInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "MatchInputError";
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const allowedKeys: Record<string, readonly string[]> = {
  skills: [],
  topics: [],
  same: ["field", "question"],
  different: ["field", "question"],
  experienceGap: ["minGap", "maxGap", "tolerance"],
  workingHours: ["minHours", "workdayStart", "workdayEnd"],
  availability: ["minHours", "targetHours"],
  language: [],
  goals: ["saturation", "minSimilarity"],
  preferences: [],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkNumber(value: unknown, path: string, min: number, max: number, integer = false): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new MatchInputError(path, `must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  if (integer && !Number.isInteger(value))
    throw new MatchInputError(path, `must be an integer, got ${value}`);
}

function checkCriterion(raw: unknown, path: string): Criterion {
  if (!isRecord(raw)) throw new MatchInputError(path, "must be an object");
  const kind = raw.kind;
  if (typeof kind !== "string" || !(CRITERION_KINDS as readonly string[]).includes(kind)) {
    throw new MatchInputError(
      `${path}.kind`,
      `unknown criterion ${JSON.stringify(kind)} (known: ${CRITERION_KINDS.join(", ")})`,
    );
  }
  const known = ["kind", "weight", "hard", ...allowedKeys[kind]];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new MatchInputError(`${path}.${key}`, `unknown setting for ${kind}`);
  }
  checkNumber(raw.weight, `${path}.weight`, 0, 10, true);
  if (raw.hard !== undefined && typeof raw.hard !== "boolean") {
    throw new MatchInputError(`${path}.hard`, "must be true or false");
  }
  if (!raw.hard && !raw.weight) {
    throw new MatchInputError(path, `${kind} has neither a weight (1-10) nor hard: true, so it does nothing`);
  }
  if (kind === "same" || kind === "different") {
    const hasField = raw.field !== undefined;
    const hasQuestion = raw.question !== undefined;
    if (hasField === hasQuestion) throw new MatchInputError(path, "give exactly one of field or question");
    if (hasField && !(CATEGORICAL_FIELDS as readonly unknown[]).includes(raw.field)) {
      throw new MatchInputError(`${path}.field`, `must be one of ${CATEGORICAL_FIELDS.join(", ")}`);
    }
    if (hasQuestion && (typeof raw.question !== "string" || raw.question === "")) {
      throw new MatchInputError(`${path}.question`, "must be a question id");
    }
  }
  checkNumber(raw.minGap, `${path}.minGap`, -100, 100);
  checkNumber(raw.maxGap, `${path}.maxGap`, -100, 100);
  if ((raw.minGap as number | undefined) !== undefined && (raw.maxGap as number | undefined) !== undefined) {
    if ((raw.minGap as number) > (raw.maxGap as number))
      throw new MatchInputError(`${path}.minGap`, "exceeds maxGap");
  }
  checkNumber(raw.tolerance, `${path}.tolerance`, 0.01, 100);
  checkNumber(raw.minHours, `${path}.minHours`, 0, 168);
  checkNumber(raw.targetHours, `${path}.targetHours`, 0.25, 168);
  checkNumber(raw.saturation, `${path}.saturation`, 0.01, 1);
  checkNumber(raw.minSimilarity, `${path}.minSimilarity`, 0, 1);
  for (const key of ["workdayStart", "workdayEnd"]) {
    if (raw[key] !== undefined && (typeof raw[key] !== "string" || !TIME.test(raw[key] as string))) {
      throw new MatchInputError(`${path}.${key}`, 'must be a time "HH:MM"');
    }
  }
  return raw as unknown as Criterion;
}

/**
 * Checks a match config read from JSON and returns it typed, or throws a MatchInputError naming
 * the bad field.
 *
 * Example:
 *   validateMatchConfig({ criteria: [{ kind: "skills", weight: 5 }] })  // ok
 *   validateMatchConfig({ criteria: [{ kind: "vibes", weight: 5 }] })
 *   // throws "criteria[0].kind: unknown criterion "vibes" (known: skills, topics, ...)"
 */
export function validateMatchConfig(raw: unknown): MatchConfig {
  if (!isRecord(raw)) throw new MatchInputError("config", "must be an object");
  for (const key of Object.keys(raw)) {
    if (!["criteria", "candidatesPerMentee", "referenceWeek"].includes(key)) {
      throw new MatchInputError(key, "unknown config field");
    }
  }
  if (!Array.isArray(raw.criteria) || raw.criteria.length === 0) {
    throw new MatchInputError("criteria", "must be a non-empty list");
  }
  if (raw.criteria.length > 40) throw new MatchInputError("criteria", "at most 40 criteria");
  const criteria = raw.criteria.map((c, index) => checkCriterion(c, `criteria[${index}]`));
  checkNumber(raw.candidatesPerMentee, "candidatesPerMentee", 1, 10_000, true);
  if (raw.referenceWeek !== undefined) {
    if (typeof raw.referenceWeek !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw.referenceWeek)) {
      throw new MatchInputError("referenceWeek", 'must be a date "YYYY-MM-DD"');
    }
  }
  return {
    criteria,
    candidatesPerMentee: raw.candidatesPerMentee as number | undefined,
    referenceWeek: raw.referenceWeek as string | undefined,
  };
}
