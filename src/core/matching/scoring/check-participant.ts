/** Validation of one participant read from JSON or CSV, naming the bad field. */
import type { Participant, WeeklyWindow } from "./participant.ts";
import { MatchInputError } from "./validate-config.ts";
import { isValidTimeZone } from "./week-slots.ts";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const STRING_FIELDS = [
  "goals",
  "experience",
  "jobRole",
  "department",
  "managerId",
  "location",
  "timeZone",
] as const;
const LIST_FIELDS = ["topics", "languages", "preferences", "blocked"] as const;
const KNOWN = new Set<string>([
  "id",
  "role",
  "mentorCapacity",
  "menteeCapacity",
  "skillsOffered",
  "skillsWanted",
  "yearsExperience",
  "availability",
  "answers",
  ...STRING_FIELDS,
  ...LIST_FIELDS,
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a weekly window: day 1..7 (Monday = 1), start < end as "HH:MM".
 *
 * Example: checkWindow({ day: 1, start: "18:00", end: "20:00" }, "p[0].availability[0]") → the window
 */
export function checkWindow(raw: unknown, path: string): WeeklyWindow {
  if (!isRecord(raw))
    throw new MatchInputError(path, 'must be {"day": 1-7, "start": "HH:MM", "end": "HH:MM"}');
  const { day, start, end } = raw;
  if (typeof day !== "number" || !Number.isInteger(day) || day < 1 || day > 7) {
    throw new MatchInputError(`${path}.day`, `must be 1 (Monday) to 7 (Sunday), got ${JSON.stringify(day)}`);
  }
  for (const [key, value] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (typeof value !== "string" || !TIME.test(value))
      throw new MatchInputError(`${path}.${key}`, `must be "HH:MM", got ${JSON.stringify(value)}`);
  }
  if ((start as string) >= (end as string))
    throw new MatchInputError(path, "start must be before end (split windows at midnight)");
  return { day, start: start as string, end: end as string };
}

/**
 * Checks one participant object and returns it typed, or throws a MatchInputError naming the field.
 *
 * Example: checkParticipant({ id: "e1", role: "mentee", timeZone: "Mars/Base" }, "participants[0]")
 *   // throws 'participants[0].timeZone: unknown IANA time zone "Mars/Base"'
 */
export function checkParticipant(raw: unknown, path: string): Participant {
  if (!isRecord(raw)) throw new MatchInputError(path, "must be an object");
  for (const key of Object.keys(raw))
    if (!KNOWN.has(key)) throw new MatchInputError(`${path}.${key}`, "unknown field");
  if (typeof raw.id !== "string" || raw.id.trim() === "")
    throw new MatchInputError(`${path}.id`, "must be a non-empty string");
  if (raw.role !== "mentee" && raw.role !== "mentor" && raw.role !== "both") {
    throw new MatchInputError(
      `${path}.role`,
      `must be mentee, mentor or both, got ${JSON.stringify(raw.role)}`,
    );
  }
  for (const key of ["mentorCapacity", "menteeCapacity"]) {
    const v = raw[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) {
      throw new MatchInputError(`${path}.${key}`, `must be a whole number >= 0, got ${JSON.stringify(v)}`);
    }
  }
  if (
    raw.yearsExperience !== undefined &&
    (typeof raw.yearsExperience !== "number" || !Number.isFinite(raw.yearsExperience))
  ) {
    throw new MatchInputError(
      `${path}.yearsExperience`,
      `must be a number, got ${JSON.stringify(raw.yearsExperience)}`,
    );
  }
  for (const key of STRING_FIELDS) {
    if (raw[key] !== undefined && typeof raw[key] !== "string")
      throw new MatchInputError(`${path}.${key}`, "must be a string");
  }
  if (typeof raw.timeZone === "string" && !isValidTimeZone(raw.timeZone)) {
    throw new MatchInputError(`${path}.timeZone`, `unknown IANA time zone ${JSON.stringify(raw.timeZone)}`);
  }
  for (const key of LIST_FIELDS) {
    const v = raw[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) {
      throw new MatchInputError(`${path}.${key}`, "must be a list of strings");
    }
  }
  for (const key of ["skillsOffered", "skillsWanted"]) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v))
      throw new MatchInputError(`${path}.${key}`, 'must be a list of {"skill", "level"}');
    v.forEach((s, k) => {
      if (!isRecord(s) || typeof s.skill !== "string" || s.skill === "") {
        throw new MatchInputError(`${path}.${key}[${k}]`, 'must be {"skill": "name", "level": 1-5}');
      }
      if (typeof s.level !== "number" || !Number.isInteger(s.level) || s.level < 1 || s.level > 5) {
        throw new MatchInputError(
          `${path}.${key}[${k}].level`,
          `must be 1 to 5, got ${JSON.stringify(s.level)}`,
        );
      }
    });
  }
  if (raw.availability !== undefined) {
    if (!Array.isArray(raw.availability))
      throw new MatchInputError(`${path}.availability`, "must be a list of windows");
    raw.availability.forEach((w, k) => {
      checkWindow(w, `${path}.availability[${k}]`);
    });
  }
  if (raw.answers !== undefined) {
    if (!isRecord(raw.answers))
      throw new MatchInputError(`${path}.answers`, "must be an object of question id to answer");
    for (const [q, a] of Object.entries(raw.answers)) {
      if (typeof a !== "string" && typeof a !== "number")
        throw new MatchInputError(`${path}.answers.${q}`, "must be a string or number");
    }
  }
  return raw as unknown as Participant;
}
