/** Reading participants from CSV (errors name the line) or JSON (errors name the path). */
import { parse } from "csv-parse/sync";
import { checkParticipant, checkWindow } from "./check-participant.ts";
import type { IdPair, LeveledSkill, Programme, WeeklyWindow } from "./participant.ts";
import { MatchInputError } from "./validate-config.ts";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LIST = /\s*[;|]\s*/;

const list = (cell: string): string[] => cell.split(LIST).filter((x) => x !== "");

function skills(cell: string, path: string): LeveledSkill[] {
  return list(cell).map((item) => {
    const match = /^(.+?)\s*:\s*(\d+)$/.exec(item);
    if (!match)
      throw new MatchInputError(path, `skill ${JSON.stringify(item)} must be "name:level" (level 1-5)`);
    return { skill: match[1], level: Number(match[2]) };
  });
}

function windows(cell: string, path: string): WeeklyWindow[] {
  return list(cell).map((item) => {
    const match = /^(\w{3})\w*\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(item);
    const day = match ? DAYS.indexOf(match[1].toLowerCase()) + 1 : 0;
    if (!match || day === 0)
      throw new MatchInputError(path, `window ${JSON.stringify(item)} must look like "Mon 18:00-20:00"`);
    return checkWindow({ day, start: match[2], end: match[3] }, path);
  });
}

function number(cell: string, path: string): number {
  const value = Number(cell);
  if (cell.trim() === "" || !Number.isFinite(value))
    throw new MatchInputError(path, `must be a number, got ${JSON.stringify(cell)}`);
  return value;
}

/**
 * Parses a participants CSV with a header row. Columns (all but id and role optional): id, role
 * (mentee|mentor|both), mentorCapacity, menteeCapacity, skillsOffered and skillsWanted
 * ("python:4; sql:2"), topics, languages, preferences, blocked ("a; b"), goals, experience,
 * yearsExperience, jobRole, department, managerId, location, timeZone, availability
 * ("Mon 18:00-20:00; Wed 12:00-13:00", own time zone), and "q:<question>" for custom answers.
 *
 * Example: parseParticipantsCsv("id,role,timeZone\ne1,mentee,Asia/Kolkata\n", "people.csv")
 *   // { participants: [{ id: "e1", role: "mentee", timeZone: "Asia/Kolkata" }] }
 *   A bad cell throws e.g. 'people.csv line 3, column timeZone: unknown IANA time zone "Mars/Base"'.
 */
export function parseParticipantsCsv(text: string, name = "CSV"): Programme {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new MatchInputError(
      `${name}${line ? ` line ${line}` : ""}`,
      `malformed CSV: ${(error as Error).message}`,
    );
  }
  const participants = records.map(({ record, info }) => {
    const at = (column: string) => `${name} line ${info.lines}, column ${column}`;
    const out: Record<string, unknown> = {};
    const answers: Record<string, string> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (cell === "") continue;
      if (column.startsWith("q:")) answers[column.slice(2)] = cell;
      else if (column === "skillsOffered" || column === "skillsWanted")
        out[column] = skills(cell, at(column));
      else if (["topics", "languages", "preferences", "blocked"].includes(column)) out[column] = list(cell);
      else if (column === "availability") out[column] = windows(cell, at(column));
      else if (["mentorCapacity", "menteeCapacity", "yearsExperience"].includes(column))
        out[column] = number(cell, at(column));
      else out[column] = cell;
    }
    if (Object.keys(answers).length > 0) out.answers = answers;
    const prefix = `${name} line ${info.lines}`;
    try {
      return checkParticipant(out, prefix);
    } catch (error) {
      if (error instanceof MatchInputError && error.path.startsWith(`${prefix}.`)) {
        const column = error.path.slice(prefix.length + 1);
        throw new MatchInputError(`${prefix}, column ${column}`, error.message.slice(error.path.length + 2));
      }
      throw error;
    }
  });
  return { participants };
}

function pairs(raw: unknown, path: string): IdPair[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw new MatchInputError(path, "must be a list of [menteeId, mentorId]");
  return raw.map((pair, k) => {
    if (!Array.isArray(pair) || pair.length !== 2 || pair.some((x) => typeof x !== "string")) {
      throw new MatchInputError(`${path}[${k}]`, "must be [menteeId, mentorId]");
    }
    return [pair[0], pair[1]] as const;
  });
}

/**
 * Parses participants from JSON: a list of participants, or { participants, earlierPairs?, existingPairs? }.
 *
 * Example: parseParticipantsJson('[{"id":"e1","role":"mentee"}]') → { participants: [{ id: "e1", role: "mentee" }] }
 */
export function parseParticipantsJson(text: string, name = "JSON"): Programme {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MatchInputError(name, `not valid JSON: ${(error as Error).message}`);
  }
  const doc = Array.isArray(raw) ? { participants: raw } : (raw as Record<string, unknown>);
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc.participants)) {
    throw new MatchInputError(name, 'must be a list of participants or {"participants": [...]}');
  }
  return {
    participants: doc.participants.map((p, k) => checkParticipant(p, `participants[${k}]`)),
    earlierPairs: pairs(doc.earlierPairs, "earlierPairs"),
    existingPairs: pairs(doc.existingPairs, "existingPairs"),
  };
}
