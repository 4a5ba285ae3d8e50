import { describe, expect, it } from "vitest";
import { checkMapping, importTargets, parseCsv, suggestMapping } from "./csv-import.ts";
import { acceptReportingLines, isKnownTimeZone, parseSkills, readImportRows } from "./csv-import-rows.ts";
import type { FormQuestion } from "../programmes/registration-form.ts";

const form: FormQuestion[] = [
  {
    id: "track",
    kind: "single_choice",
    label: "Track",
    required: true,
    usedInMatching: true,
    options: ["Frontend", "Backend"],
  },
  {
    id: "interests",
    kind: "multiple_choice",
    label: "Interests",
    required: false,
    usedInMatching: false,
    options: ["testing", "design", "ops"],
  },
  { id: "confidence", kind: "scale", label: "Confidence", required: false, usedInMatching: false },
  { id: "why", kind: "text", label: "Why do you join?", required: false, usedInMatching: false },
  { id: "stack", kind: "skills", label: "Stack", required: false, usedInMatching: true },
];

describe("parseCsv", () => {
  it("gives each row the line it starts on, across quoted multi-line cells and blank lines", () => {
    const parsed = parseCsv('email,name\na@x.org,"Ann\nLee"\n\nb@x.org,Bo\n"c@x.org","Cy ""C"" Dee"\n');
    expect(parsed.headers).toEqual(["email", "name"]);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["a@x.org", "Ann\nLee"] },
      { line: 5, cells: ["b@x.org", "Bo"] },
      { line: 6, cells: ["c@x.org", 'Cy "C" Dee'] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it("reads Windows and old Mac line endings, a byte-order mark, and a last line without a newline", () => {
    const parsed = parseCsv('\uFEFFemail;x\r\na@x.org,"1\r\n2"\r\rb@x.org,3'.replace(";x", ",x"));
    expect(parsed.headers).toEqual(["email", "x"]);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["a@x.org", "1\n2"] },
      { line: 5, cells: ["b@x.org", "3"] },
    ]);
  });

  it("names blank headers by position and keeps rows with fewer or more cells", () => {
    const parsed = parseCsv("email,,name\na@x.org\nb@x.org,1,2,3\n");
    expect(parsed.headers).toEqual(["email", "Column 2", "name"]);
    expect(parsed.rows.map((row) => row.cells.length)).toEqual([1, 4]);
  });

  it("reports a row with a stray quote by its line and reads the rows around it", () => {
    const parsed = parseCsv('email,name\na@x.org,"Ann\nLee"\n"b@x.org"x,Bo\nc@x.org,C"y\nd@x.org,Dee\n');
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 6]);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([4, 5]);
    expect(parsed.problems[0].message).toMatch(/must be doubled/);
    expect(parsed.problems[1].message).toMatch(/in the middle/);
  });

  it("reads files delimited by semicolons or tabs, as spreadsheets in some countries save them", () => {
    expect(parseCsv("email;name\na@x.org;Ann, Lee\n").rows[0].cells).toEqual(["a@x.org", "Ann, Lee"]);
    expect(parseCsv("email\tname\na@x.org\tAnn\n").rows[0].cells).toEqual(["a@x.org", "Ann"]);
  });

  it("reports a quote never closed, an empty file and a file with only a header", () => {
    expect(parseCsv('email\n"a@x.org\n').problems[0]).toMatchObject({
      field: "file",
      message: /never closed/,
    });
    expect(parseCsv("").problems[0].message).toMatch(/empty/);
    expect(parseCsv("\n\n").problems[0].message).toMatch(/empty/);
    expect(parseCsv("email,name\n").problems).toEqual([
      { line: 2, field: "file", message: "The file has a header row but nobody under it." },
    ]);
  });

  it("refuses more rows than one import takes, naming the first line beyond the limit", () => {
    const parsed = parseCsv("email\na@x.org\nb@x.org\nc@x.org\n", 2);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 4, field: "file" })]);
  });
});

describe("suggestMapping", () => {
  it("matches common header spellings, question ids and labels, each field once", () => {
    const headers = [
      "E-mail address",
      "Full Name",
      "Dept",
      "Time zone",
      "Skills offered",
      "track",
      "Why do you join?",
      "Email",
      "Notes",
    ];
    expect(suggestMapping(headers, form)).toEqual([
      { column: 0, field: "email" },
      { column: 1, field: "name" },
      { column: 2, field: "department" },
      { column: 3, field: "timeZone" },
      { column: 4, field: "skillsOffered" },
      { column: 5, field: "answer:track" },
      { column: 6, field: "answer:why" },
    ]);
  });
});

describe("checkMapping", () => {
  it("needs the email column, one column per field, columns that exist and known targets", () => {
    expect(checkMapping([{ column: 0, field: "email" }], 2, form)).toEqual([]);
    expect(checkMapping([{ column: 1, field: "name" }], 2, form)).toEqual([
      { field: "email", message: "Choose the column that holds each person's email" },
    ]);
    const problems = checkMapping(
      [
        { column: 0, field: "email" },
        { column: 1, field: "name" },
        { column: 2, field: "name" },
        { column: 2, field: "answer:nope" },
        { column: 7, field: "topics" },
      ],
      3,
      form,
    ).map((problem) => problem.message);
    expect(problems).toEqual([
      "Name is filled by two columns",
      "is not a field or question of this programme",
      "column 3 is mapped twice",
      "column 8 is not in the file (it has 3)",
    ]);
  });

  it("lists every field and one target per question", () => {
    const targets = importTargets(form).map((target) => target.target);
    expect(targets).toContain("email");
    expect(targets).toContain("answer:stack");
    expect(
      importTargets(form)
        .filter((target) => target.required)
        .map((target) => target.target),
    ).toEqual(["email"]);
  });
});

describe("readImportRows", () => {
  const headers = [
    "email",
    "name",
    "role",
    "capacity",
    "department",
    "title",
    "location",
    "tz",
    "languages",
    "years",
    "offers",
    "wants",
    "topics",
    "goals",
    "manager",
    "track",
    "interests",
    "confidence",
    "why",
    "stack",
  ];
  const mapping = suggestMapping(headers, form).concat([
    { column: 10, field: "skillsOffered" },
    { column: 11, field: "skillsWanted" },
  ]);
  const context = { form, rolesOffered: ["mentee", "mentor"] };
  const row = (line: number, values: Partial<Record<string, string>>) => ({
    line,
    cells: headers.map((header) => values[header] ?? ""),
  });

  it("the suggested mapping of these headers covers every field", () => {
    expect(mapping.map((item) => item.field).sort()).toEqual(
      importTargets(form)
        .map((target) => target.target)
        .sort(),
    );
  });

  it("reads a full row into an enrolment, a profile and answers in each question's shape", () => {
    const { rows, problems } = readImportRows(
      [
        row(2, {
          email: " Ann.Lee@Example.ORG ",
          name: "Ann Lee",
          role: "Mentor",
          capacity: "3",
          department: "Platform",
          title: "Staff engineer",
          location: "Leeds",
          tz: "Europe/London",
          languages: "en; fr | de",
          years: "12",
          offers: "TypeScript:4; React:3",
          wants: "Rust:2",
          topics: "architecture;hiring",
          goals: "Lead a team",
          manager: "Boss@Example.org",
          track: "backend",
          interests: "Testing; ops",
          confidence: "4",
          why: "To give back",
          stack: "Go:5",
        }),
      ],
      mapping,
      context,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        email: "ann.lee@example.org",
        name: "Ann Lee",
        role: "mentor",
        mentorCapacity: 3,
        profile: {
          department: "Platform",
          jobTitle: "Staff engineer",
          location: "Leeds",
          timeZone: "Europe/London",
          languages: ["en", "fr", "de"],
          topics: ["architecture", "hiring"],
          yearsExperience: 12,
          skillsOffered: [
            { skill: "TypeScript", level: 4 },
            { skill: "React", level: 3 },
          ],
          skillsWanted: [{ skill: "Rust", level: 2 }],
          careerGoals: "Lead a team",
        },
        answers: {
          track: "Backend",
          interests: ["testing", "ops"],
          confidence: 4,
          why: "To give back",
          stack: [{ skill: "Go", level: 5 }],
        },
        managerEmail: "boss@example.org",
      },
    ]);
  });

  it("leaves empty cells out (a re-import changes nothing it was not given) and does not require answers", () => {
    const { rows, problems } = readImportRows(
      [row(2, { email: "a@x.org", role: "mentee" })],
      mapping,
      context,
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      name: null,
      mentorCapacity: null,
      profile: {},
      answers: {},
      managerEmail: null,
    });
  });

  it("names the line and the field of every bad cell, and leaves the row out", () => {
    const { rows, problems } = readImportRows(
      [
        row(3, {
          email: "not-an-email",
          role: "boss",
          capacity: "two",
          tz: "Mars/Base",
          years: "-1",
          offers: "TypeScript",
          wants: "Go:9",
          manager: "nobody",
          track: "Design",
          interests: "cooking",
          confidence: "9",
        }),
        row(4, { email: "b@x.org", role: "both", capacity: "51", name: "x".repeat(121) }),
      ],
      mapping,
      { form, rolesOffered: ["mentee"] },
    );
    expect(rows).toEqual([]);
    expect(problems.map((problem) => `${problem.line} ${problem.field}`)).toEqual([
      "3 email",
      "3 role",
      "3 mentorCapacity",
      "3 timeZone",
      "3 yearsExperience",
      "3 skillsOffered",
      "3 skillsWanted",
      "3 managerEmail",
      "4 role",
      "4 mentorCapacity",
      "4 name",
    ]);
    expect(problems.find((problem) => problem.field === "timeZone")?.message).toMatch(/IANA/);
    expect(problems.find((problem) => problem.line === 4 && problem.field === "role")?.message).toBe(
      "both is not a role this programme offers",
    );
  });

  it("checks answers against the form and names the question", () => {
    const { problems } = readImportRows(
      [
        row(2, {
          email: "a@x.org",
          role: "mentee",
          track: "Design",
          interests: "cooking",
          confidence: "9",
          stack: "Go:7",
        }),
      ],
      mapping,
      context,
    );
    expect(problems).toEqual([
      { line: 2, field: "answer:stack", message: 'the level of "Go" must be from 1 to 5' },
      { line: 2, field: "answer:track", message: "must be one of: Frontend, Backend" },
      { line: 2, field: "answer:interests", message: '"cooking" is not one of the choices' },
      { line: 2, field: "answer:confidence", message: "must be between 1 and 5" },
    ]);
  });

  it("reports a repeated email (any case) on the later line", () => {
    const { rows, problems } = readImportRows(
      [row(2, { email: "a@x.org", role: "mentee" }), row(5, { email: "A@X.org", role: "mentor" })],
      mapping,
      context,
    );
    expect(rows.map((item) => item.line)).toEqual([2]);
    expect(problems).toEqual([{ line: 5, field: "email", message: "a@x.org is already on line 2" }]);
  });

  it("uses the default role for rows without one, and needs one when there is no default", () => {
    const onlyEmail = [{ column: 0, field: "email" as const }];
    expect(
      readImportRows([row(2, { email: "a@x.org" })], onlyEmail, { ...context, defaultRole: "mentee" }).rows[0]
        .role,
    ).toBe("mentee");
    expect(readImportRows([row(2, { email: "a@x.org" })], onlyEmail, context).problems).toEqual([
      { line: 2, field: "role", message: "is empty (or choose a role for rows without one)" },
    ]);
  });

  it("understands 'mentor and mentee' as both", () => {
    const { rows } = readImportRows(
      [row(2, { email: "a@x.org", role: "Mentor & Mentee" })],
      mapping,
      context,
    );
    expect(rows[0].role).toBe("both");
  });
});

describe("cell helpers", () => {
  it("parses skills with levels and refuses repeats", () => {
    expect(parseSkills("TypeScript : 4 ;React:3")).toEqual([
      { skill: "TypeScript", level: 4 },
      { skill: "React", level: 3 },
    ]);
    expect(() => parseSkills("Go:3; go:4")).toThrow(/twice/);
  });

  it("knows IANA zones", () => {
    expect(isKnownTimeZone("Asia/Kolkata")).toBe(true);
    expect(isKnownTimeZone("UTC")).toBe(true);
    expect(isKnownTimeZone("Mars/Base")).toBe(false);
  });
});

describe("acceptReportingLines", () => {
  it("refuses a line that would make someone their own manager, directly or round a loop", () => {
    const stored = new Map([["bob", "ann"]]);
    const { accepted, refused } = acceptReportingLines(stored, [
      { userId: "ann", managerId: "bob" },
      { userId: "cy", managerId: "ann" },
      { userId: "dee", managerId: "dee" },
      { userId: "ann", managerId: "cy" },
    ]);
    expect(accepted).toEqual([{ userId: "cy", managerId: "ann" }]);
    expect(refused.map((line) => `${line.userId}→${line.managerId}`)).toEqual([
      "ann→bob",
      "dee→dee",
      "ann→cy",
    ]);
  });

  it("replaces a person's stored manager", () => {
    const { accepted } = acceptReportingLines(new Map([["bob", "ann"]]), [
      { userId: "bob", managerId: "cy" },
    ]);
    expect(accepted).toHaveLength(1);
  });
});
