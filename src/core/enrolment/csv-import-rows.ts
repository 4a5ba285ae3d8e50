/**
 * Importing participants from CSV, part two: turning each row's cells, through the mapping, into
 * a person to enrol (email, role, capacity, profile fields, answers) or into problems that name
 * the row's line and the field. Empty cells change nothing, so a re-import of a thinner file
 * never wipes what people filled in themselves.
 */
import type { ColumnMapping, CsvRow, ImportField, ImportTarget, RowProblem } from "./csv-import.ts";
import { isRoleOffered, MAX_MENTOR_CAPACITY } from "./enrolment-rules.ts";
import { checkAnswers, type FormQuestion } from "../programmes/registration-form.ts";
import type { EnrolmentRole } from "../programmes/types.ts";

/** Profile fields an import may set; absent keys are left as they are. */
export interface ImportedProfile {
  department?: string;
  jobTitle?: string;
  location?: string;
  timeZone?: string;
  languages?: string[];
  yearsExperience?: number;
  skillsOffered?: { skill: string; level: number }[];
  skillsWanted?: { skill: string; level: number }[];
  topics?: string[];
  careerGoals?: string;
}

/** One person to enrol, read from one row. */
export interface ImportRow {
  line: number;
  /** Lower-cased. */
  email: string;
  /** Null when the row has none (a new account is then named after the email). */
  name: string | null;
  role: EnrolmentRole;
  /** Null: keep the current capacity, or the programme's default for someone new. */
  mentorCapacity: number | null;
  profile: ImportedProfile;
  /** Answers given in the row, by question id (checked against the form). */
  answers: Record<string, unknown>;
  managerEmail: string | null;
}

export interface ImportContext {
  form: readonly FormQuestion[];
  rolesOffered: readonly string[];
  /** The role of rows whose role cell is empty (or with no role column). */
  defaultRole?: EnrolmentRole | null;
}

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]+$/;
const LIST = /\s*[;|\n]\s*/;
const SKILL = /^(.+?)\s*:\s*(\d+)$/;
const MAX_SHORT_TEXT = 120;
const MAX_LONG_TEXT = 2000;
const MAX_LIST_ITEMS = 30;

/** Whether an email looks deliverable enough to create an account for. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

const zoneCache = new Map<string, boolean>();

/** Whether a time zone is a known IANA name (the runtime's own list; answers are remembered). */
export function isKnownTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(zone, known);
  }
  return known;
}

const splitList = (cell: string) => cell.split(LIST).filter((item) => item !== "");

class CellProblem extends Error {}

function shortText(cell: string, max = MAX_SHORT_TEXT): string {
  if (cell.length > max) throw new CellProblem(`must be at most ${max} characters`);
  return cell;
}

function wholeNumber(cell: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(cell)) throw new CellProblem(`must be a whole number, not "${cell}"`);
  const value = Number(cell);
  if (value < min || value > max) throw new CellProblem(`must be between ${min} and ${max}`);
  return value;
}

function list(cell: string): string[] {
  const items = splitList(cell);
  if (items.length > MAX_LIST_ITEMS) throw new CellProblem(`lists more than ${MAX_LIST_ITEMS} items`);
  for (const item of items)
    if (item.length > 80) throw new CellProblem(`"${item.slice(0, 20)}…" is too long`);
  return [...new Set(items)];
}

/** "TypeScript:4; React:3" → [{ skill: "TypeScript", level: 4 }, { skill: "React", level: 3 }] */
export function parseSkills(cell: string): { skill: string; level: number }[] {
  const seen = new Set<string>();
  return list(cell).map((item) => {
    const match = SKILL.exec(item);
    if (!match)
      throw new CellProblem(`"${item}" must be a skill and a level from 1 to 5, like "TypeScript:4"`);
    const level = Number(match[2]);
    if (level < 1 || level > 5) throw new CellProblem(`the level of "${match[1]}" must be from 1 to 5`);
    const key = match[1].toLowerCase();
    if (seen.has(key)) throw new CellProblem(`"${match[1]}" is listed twice`);
    seen.add(key);
    return { skill: match[1], level };
  });
}

function role(cell: string): EnrolmentRole {
  const value = cell.toLowerCase();
  if (value === "mentee" || value === "mentor" || value === "both") return value;
  if (/^(mentor\s*(and|&|\/)\s*mentee|mentee\s*(and|&|\/)\s*mentor)$/.test(value)) return "both";
  throw new CellProblem(`"${cell}" is not a role: use mentee, mentor or both`);
}

/** An answer cell in the shape the question takes; choices match whatever their case. */
function answer(question: FormQuestion, cell: string): unknown {
  const choice = (value: string) =>
    question.options?.find((option) => option.toLowerCase() === value.toLowerCase()) ?? value;
  switch (question.kind) {
    case "single_choice":
      return choice(cell);
    case "multiple_choice":
      return list(cell).map(choice);
    case "scale":
      return /^-?\d+$/.test(cell) ? Number(cell) : cell;
    case "text":
      return cell;
    case "skills":
      return parseSkills(cell);
  }
}

const PROFILE_TEXT: Partial<Record<ImportField, keyof ImportedProfile>> = {
  department: "department",
  jobTitle: "jobTitle",
  location: "location",
};

/**
 * Reads every row through the mapping. Rows with a problem are left out of `rows` and each
 * problem names the row's line and the field's label; a repeated email (any case) is a problem of
 * the later row. Required questions left empty are not problems: imported people complete their
 * answers when they register.
 *
 * Example: with mapping [{ column: 0, field: "email" }, { column: 1, field: "role" }] and a row
 *   on line 3 of ["Ann@X.org", "mentor"] → rows: [{ line: 3, email: "ann@x.org", role: "mentor", … }];
 *   a row ["bo@x.org", "boss"] on line 4 → problems: [{ line: 4, field: "role", message: '"boss" is not a role: …' }]
 */
export function readImportRows(
  rows: readonly CsvRow[],
  mapping: readonly ColumnMapping[],
  context: ImportContext,
): { rows: ImportRow[]; problems: RowProblem[] } {
  const out: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const questions = new Map(context.form.map((question) => [question.id, question]));

  for (const row of rows) {
    const rowProblems: RowProblem[] = [];
    const cell = (target: ImportTarget) => {
      const entry = mapping.find((item) => item.field === target);
      return entry ? (row.cells[entry.column] ?? "").trim() : "";
    };
    const read = <T>(field: string, work: () => T): T | undefined => {
      try {
        return work();
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        rowProblems.push({ line: row.line, field, message: error.message });
        return undefined;
      }
    };

    const email = cell("email").toLowerCase();
    if (email === "") rowProblems.push({ line: row.line, field: "email", message: "is empty" });
    else if (!isPlausibleEmail(email))
      rowProblems.push({
        line: row.line,
        field: "email",
        message: `"${email}" is not a valid email address`,
      });
    else if (firstLineOf.has(email))
      rowProblems.push({
        line: row.line,
        field: "email",
        message: `${email} is already on line ${firstLineOf.get(email)}`,
      });
    else firstLineOf.set(email, row.line);

    const roleCell = cell("role");
    let chosenRole: EnrolmentRole | undefined = context.defaultRole ?? undefined;
    if (roleCell !== "") chosenRole = read("role", () => role(roleCell));
    else if (!chosenRole)
      rowProblems.push({
        line: row.line,
        field: "role",
        message: "is empty (or choose a role for rows without one)",
      });
    if (chosenRole && !isRoleOffered(context.rolesOffered, chosenRole))
      rowProblems.push({
        line: row.line,
        field: "role",
        message: `${chosenRole} is not a role this programme offers`,
      });

    const capacityCell = cell("mentorCapacity");
    const mentorCapacity =
      capacityCell === ""
        ? null
        : (read("mentorCapacity", () => wholeNumber(capacityCell, 0, MAX_MENTOR_CAPACITY)) ?? null);

    const nameCell = cell("name");
    const name = nameCell === "" ? null : (read("name", () => shortText(nameCell)) ?? null);

    const profile: ImportedProfile = {};
    for (const [field, key] of Object.entries(PROFILE_TEXT) as [ImportField, "department"][]) {
      const value = cell(field);
      if (value !== "") {
        const text = read(field, () => shortText(value));
        if (text !== undefined) profile[key] = text;
      }
    }
    const zone = cell("timeZone");
    if (zone !== "") {
      if (isKnownTimeZone(zone)) profile.timeZone = zone;
      else
        rowProblems.push({
          line: row.line,
          field: "timeZone",
          message: `"${zone}" is not an IANA time zone like Europe/London`,
        });
    }
    const listed = (field: "languages" | "topics") => {
      const value = cell(field);
      if (value === "") return;
      const items = read(field, () => list(value));
      if (items) profile[field] = items;
    };
    listed("languages");
    listed("topics");
    const years = cell("yearsExperience");
    if (years !== "") {
      const value = read("yearsExperience", () => wholeNumber(years, 0, 70));
      if (value !== undefined) profile.yearsExperience = value;
    }
    for (const field of ["skillsOffered", "skillsWanted"] as const) {
      const value = cell(field);
      if (value === "") continue;
      const skills = read(field, () => parseSkills(value));
      if (skills) profile[field] = skills;
    }
    const goals = cell("careerGoals");
    if (goals !== "") {
      const text = read("careerGoals", () => shortText(goals, MAX_LONG_TEXT));
      if (text !== undefined) profile.careerGoals = text;
    }

    const managerCell = cell("managerEmail").toLowerCase();
    let managerEmail: string | null = null;
    if (managerCell !== "") {
      if (!isPlausibleEmail(managerCell))
        rowProblems.push({
          line: row.line,
          field: "managerEmail",
          message: `"${managerCell}" is not a valid email address`,
        });
      else if (managerCell === email)
        rowProblems.push({ line: row.line, field: "managerEmail", message: "is the person's own email" });
      else managerEmail = managerCell;
    }

    const answers: Record<string, unknown> = {};
    for (const { field } of mapping) {
      if (!field.startsWith("answer:")) continue;
      const question = questions.get(field.slice("answer:".length));
      const value = cell(field);
      if (!question || value === "") continue;
      const parsed = read(field, () => answer(question, value));
      if (parsed !== undefined) answers[question.id] = parsed;
    }
    if (chosenRole) {
      for (const problem of checkAnswers(context.form, answers, chosenRole)) {
        if (problem.message === "is required") continue;
        rowProblems.push({ line: row.line, field: `answer:${problem.questionId}`, message: problem.message });
      }
    }

    if (rowProblems.length > 0 || !chosenRole) {
      problems.push(...rowProblems);
      continue;
    }
    out.push({
      line: row.line,
      email,
      name,
      role: chosenRole,
      mentorCapacity,
      profile,
      answers,
      managerEmail,
    });
  }
  return { rows: out, problems };
}

/**
 * Which new reporting lines (person → manager) can be set without making anyone their own
 * manager, given the lines already stored. Lines are taken in order; one that would close a loop
 * is refused and the later ones are checked without it.
 *
 * Example: stored { bob → ann }; proposed [ann → bob, cy → ann] → accepted [cy → ann]; refused [ann → bob]
 */
export function acceptReportingLines<Id extends string, T extends { userId: Id; managerId: Id }>(
  stored: ReadonlyMap<Id, Id>,
  proposed: readonly T[],
): { accepted: T[]; refused: T[] } {
  const lines = new Map(stored);
  const accepted: T[] = [];
  const refused: T[] = [];
  for (const line of proposed) {
    let current: Id | undefined = line.managerId;
    let loops = false;
    for (let steps = 0; current !== undefined && steps <= lines.size; steps++) {
      if (current === line.userId) {
        loops = true;
        break;
      }
      current = lines.get(current);
    }
    if (loops) refused.push(line);
    else {
      lines.set(line.userId, line.managerId);
      accepted.push(line);
    }
  }
  return { accepted, refused };
}
