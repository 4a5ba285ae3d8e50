/**
 * Importing a programme's participants from a CSV file, part one: reading the file (with the line
 * each row starts on, so problems name it even after quoted multi-line cells), the fields a column
 * can fill, a suggested mapping from the headers, and the problems of a mapping. Strings in,
 * data out: the server reads the upload and writes the rows.
 */
import type { FormQuestion } from "../programmes/registration-form.ts";

/** The fields a column may fill, besides the answers to the programme's registration form. */
export const IMPORT_FIELDS = [
  "email",
  "name",
  "role",
  "mentorCapacity",
  "department",
  "jobTitle",
  "location",
  "timeZone",
  "languages",
  "yearsExperience",
  "skillsOffered",
  "skillsWanted",
  "topics",
  "careerGoals",
  "managerEmail",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A field, or the answer to a form question: "answer:<questionId>". */
export type ImportTarget = ImportField | `answer:${string}`;

/** Column `column` (0-based, in header order) fills `field`. Columns not listed are ignored. */
export interface ColumnMapping {
  column: number;
  field: ImportTarget;
}

/** A problem with one row, or with the file (line of the problem, field or "file"). */
export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

export interface CsvRow {
  /** The line of the file the row starts on (1 is the header). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
  /** Rows that could not be read (a stray quote) and problems with the file as a whole. */
  problems: RowProblem[];
}

/** Most rows one import takes (the figure the import is built and measured for is 10,000). */
export const MAX_IMPORT_ROWS = 50_000;

const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  email: "Email",
  name: "Name",
  role: "Role",
  mentorCapacity: "Mentor capacity",
  department: "Department",
  jobTitle: "Job title",
  location: "Location",
  timeZone: "Time zone",
  languages: "Languages",
  yearsExperience: "Years of experience",
  skillsOffered: "Skills offered",
  skillsWanted: "Skills wanted",
  topics: "Topics",
  careerGoals: "Career goals",
  managerEmail: "Manager's email",
};

/** Header spellings people use for each field, compared after `normalise`. */
const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  email: ["email", "emailaddress", "mail", "workemail", "e-mail"],
  name: ["name", "fullname", "displayname", "person", "participant"],
  role: ["role", "programmerole", "participantrole", "type"],
  mentorCapacity: ["mentorcapacity", "capacity", "maxmentees", "menteecount", "numberofmentees"],
  department: ["department", "dept", "team", "division"],
  jobTitle: ["jobtitle", "title", "position", "jobrole"],
  location: ["location", "office", "city", "site"],
  timeZone: ["timezone", "tz", "zone"],
  languages: ["languages", "language", "spokenlanguages"],
  yearsExperience: ["yearsofexperience", "yearsexperience", "experience", "years", "experienceyears"],
  skillsOffered: ["skillsoffered", "skillstooffer", "offeredskills", "canteach", "expertise", "skills"],
  skillsWanted: ["skillswanted", "skillstolearn", "wantedskills", "wantstolearn", "learninggoals"],
  topics: ["topics", "interests", "topicsofinterest"],
  careerGoals: ["careergoals", "goals", "goal", "careergoal"],
  managerEmail: ["manageremail", "manager", "managersemail", "linemanager", "reportsto"],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A field's label as a person reads it (form questions use their own label). */
export function targetLabel(target: ImportTarget, form: readonly FormQuestion[]): string {
  if (target.startsWith("answer:")) {
    const question = form.find((item) => item.id === target.slice("answer:".length));
    return question ? question.label : target;
  }
  return FIELD_LABELS[target as ImportField] ?? target;
}

/** Every target a column may fill for this form: the fields, then one per question. */
export function importTargets(
  form: readonly FormQuestion[],
): { target: ImportTarget; label: string; required: boolean }[] {
  return [
    ...IMPORT_FIELDS.map((field) => ({
      target: field as ImportTarget,
      label: FIELD_LABELS[field],
      required: field === "email",
    })),
    ...form.map((question) => ({
      target: `answer:${question.id}` as ImportTarget,
      label: question.label,
      required: false,
    })),
  ];
}

/** Whether a string names a target of this form. */
export function isImportTarget(value: string, form: readonly FormQuestion[]): value is ImportTarget {
  if (value.startsWith("answer:")) return form.some((question) => `answer:${question.id}` === value);
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** The delimiter of a file: the one of comma, semicolon and tab its first line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const counts = [",", ";", "\t"].map((delimiter) => [delimiter, firstLine.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Splits CSV text (RFC 4180: quoted cells may hold delimiters, doubled quotes and line breaks)
 * into records with the line each starts on. A quote in the wrong place spoils only its own
 * record: it is reported and reading resumes on the next line.
 */
function splitRecords(text: string, delimiter: string): { records: CsvRow[]; problems: RowProblem[] } {
  const records: CsvRow[] = [];
  const problems: RowProblem[] = [];
  let line = 1;
  let index = 0;
  while (index < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let bad: string | null = null;
    let ended = false;
    while (!ended && index < text.length) {
      const char = text[index];
      if (char === '"' && cell === "") {
        // A quoted cell: runs to the next quote that is not doubled.
        let close = index + 1;
        let value = "";
        for (;;) {
          const quote = text.indexOf('"', close);
          if (quote === -1) {
            bad = 'A quoted cell opened here is never closed (a missing ").';
            index = text.length;
            break;
          }
          value += text.slice(close, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            close = quote + 2;
            continue;
          }
          index = quote + 1;
          break;
        }
        if (bad) break;
        for (const character of value) if (character === "\n") line++;
        cell = value;
        const next = text[index];
        if (next !== undefined && next !== delimiter && next !== "\n") {
          bad = 'A quote (") inside a cell must be doubled (""), or the whole cell quoted.';
          break;
        }
        continue;
      }
      if (char === delimiter) {
        cells.push(cell);
        cell = "";
      } else if (char === "\n") {
        ended = true;
        line++;
      } else if (char === '"') {
        bad = 'A cell has a quote (") in the middle: double it ("") and quote the whole cell.';
        break;
      } else {
        // Copy the run of ordinary characters at once.
        let stop = index + 1;
        while (stop < text.length && text[stop] !== delimiter && text[stop] !== "\n" && text[stop] !== '"')
          stop++;
        cell += text.slice(index, stop);
        index = stop;
        continue;
      }
      index++;
    }
    if (bad) {
      problems.push({ line: start, field: "file", message: bad });
      // Resume on the line after the problem.
      const newline = text.indexOf("\n", index);
      if (newline === -1) break;
      index = newline + 1;
      line++;
      continue;
    }
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return { records, problems };
}

/**
 * Reads CSV text: the first row is the header. Commas, semicolons or tabs (whichever the header
 * uses); line endings \n, \r\n or \r; a UTF-8 byte-order mark is dropped; blank lines are skipped.
 * Each row carries the line it starts on. A row with a quote in the wrong place is reported with
 * its line and left out; an unclosed quote swallows the rest of the file and is reported on the
 * line of the row it opened in.
 *
 * Example: parseCsv('email,name\na@x.org,"Ann\nLee"\nb@x.org,Bo\n')
 *   → { headers: ["email", "name"], rows: [{ line: 2, cells: ["a@x.org", "Ann\nLee"] },
 *       { line: 4, cells: ["b@x.org", "Bo"] }], problems: [] }
 */
export function parseCsv(text: string, maxRows = MAX_IMPORT_ROWS): ParsedCsv {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const { records, problems } = splitRecords(normalised, detectDelimiter(normalised));
  const rows: CsvRow[] = [];
  let headers: string[] | null = null;
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    if (headers === null) {
      headers = record.cells.map((cell, index) => cell.trim() || `Column ${index + 1}`);
      continue;
    }
    rows.push(record);
  }
  if (headers === null) {
    problems.push({
      line: 1,
      field: "file",
      message: "The file is empty: it needs a header row and at least one person.",
    });
    return { headers: [], rows: [], problems };
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 2, field: "file", message: "The file has a header row but nobody under it." });
  if (rows.length > maxRows) {
    problems.push({
      line: rows[maxRows].line,
      field: "file",
      message: `The file has ${rows.length} rows; one import takes at most ${maxRows}. Split the file.`,
    });
    rows.length = maxRows;
  }
  return { headers, rows, problems };
}

/**
 * A mapping guessed from the headers: each header whose spelling matches a field (or a question's
 * id or label) fills it, first come first served; the rest are ignored.
 *
 * Example: suggestMapping(["E-mail", "Full name", "Dept"], []) →
 *   [{ column: 0, field: "email" }, { column: 1, field: "name" }, { column: 2, field: "department" }]
 */
export function suggestMapping(headers: readonly string[], form: readonly FormQuestion[]): ColumnMapping[] {
  const taken = new Set<ImportTarget>();
  const mapping: ColumnMapping[] = [];
  headers.forEach((header, column) => {
    const key = normalise(header);
    if (key === "") return;
    const question = form.find((item) => normalise(item.id) === key || normalise(item.label) === key);
    const field: ImportTarget | undefined = question
      ? `answer:${question.id}`
      : IMPORT_FIELDS.find((candidate) => SYNONYMS[candidate].includes(key));
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping.push({ column, field });
    }
  });
  return mapping;
}

/**
 * Problems with a mapping for a file of `columnCount` columns: email must be mapped; no field
 * twice; no column twice; columns and questions must exist. Empty when it can be used.
 */
export function checkMapping(
  mapping: readonly ColumnMapping[],
  columnCount: number,
  form: readonly FormQuestion[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const fields = new Set<string>();
  const columns = new Set<number>();
  for (const { column, field } of mapping) {
    if (!Number.isInteger(column) || column < 0 || column >= columnCount)
      problems.push({ field, message: `column ${column + 1} is not in the file (it has ${columnCount})` });
    if (!isImportTarget(field, form))
      problems.push({ field, message: "is not a field or question of this programme" });
    if (fields.has(field))
      problems.push({ field, message: `${targetLabel(field, form)} is filled by two columns` });
    if (columns.has(column)) problems.push({ field, message: `column ${column + 1} is mapped twice` });
    fields.add(field);
    columns.add(column);
  }
  if (!fields.has("email"))
    problems.push({ field: "email", message: "Choose the column that holds each person's email" });
  return problems;
}
