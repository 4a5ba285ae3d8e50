/**
 * Seeded, realistic mentoring programmes for the benchmark (uniform random score matrices are far
 * easier than real structure): a skill taxonomy in clusters tied to departments, manager trees per
 * department, time zones across continents (half- and quarter-hour ones included) with regional
 * languages, a seniority mix (mentees junior, mentors senior), goals and experience text from a
 * vocabulary, availability templates in local time, ranked preferences, mentor capacities 1..10.
 */
import type { MatchConfig, Participant, Programme } from "../index.ts";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLUSTERS: Record<string, string[]> = {
  frontend: ["react", "css", "typescript", "accessibility", "design-systems", "webpack", "testing-library"],
  backend: ["node", "postgres", "api-design", "go", "java", "kafka", "caching"],
  data: ["sql", "python", "spark", "statistics", "dbt", "forecasting", "experimentation"],
  ml: ["pytorch", "nlp", "computer-vision", "mlops", "recommenders", "evaluation"],
  platform: ["kubernetes", "terraform", "aws", "observability", "incident-response", "linux"],
  security: ["threat-modelling", "appsec", "iam", "cryptography", "compliance"],
  product: ["roadmapping", "discovery", "analytics", "pricing", "stakeholder-management"],
  design: ["ux-research", "interaction-design", "prototyping", "visual-design", "copywriting"],
  sales: ["negotiation", "account-management", "forecast-calls", "prospecting", "crm"],
  finance: ["fp&a", "accounting", "treasury", "audit", "modelling"],
  people: ["recruiting", "coaching", "performance-reviews", "dei", "org-design"],
  leadership: ["managing-managers", "strategy", "public-speaking", "delegation", "hiring"],
};
const DEPARTMENTS: [string, string[]][] = [
  ["Web", ["frontend", "design"]],
  ["Core Services", ["backend", "platform"]],
  ["Infrastructure", ["platform", "security"]],
  ["Data Science", ["data", "ml"]],
  ["Analytics", ["data", "product"]],
  ["Product", ["product", "design"]],
  ["Security", ["security", "platform"]],
  ["Sales EMEA", ["sales", "finance"]],
  ["Sales Americas", ["sales", "product"]],
  ["Finance", ["finance", "data"]],
  ["People", ["people", "leadership"]],
  ["Design", ["design", "frontend"]],
];
const ZONES: [string, number, string[]][] = [
  ["America/Los_Angeles", 8, ["en", "es"]],
  ["America/Chicago", 6, ["en", "es"]],
  ["America/New_York", 10, ["en", "es"]],
  ["America/Sao_Paulo", 4, ["pt", "en"]],
  ["America/St_Johns", 1, ["en", "fr"]],
  ["Europe/London", 10, ["en"]],
  ["Europe/Berlin", 7, ["de", "en"]],
  ["Europe/Paris", 5, ["fr", "en"]],
  ["Africa/Lagos", 3, ["en", "yo"]],
  ["Africa/Nairobi", 2, ["en", "sw"]],
  ["Asia/Dubai", 2, ["ar", "en"]],
  ["Asia/Kolkata", 10, ["en", "hi"]],
  ["Asia/Kathmandu", 1, ["ne", "en"]],
  ["Asia/Singapore", 4, ["en", "zh"]],
  ["Asia/Shanghai", 4, ["zh", "en"]],
  ["Asia/Tokyo", 3, ["ja", "en"]],
  ["Australia/Adelaide", 1, ["en"]],
  ["Australia/Sydney", 3, ["en"]],
  ["Pacific/Auckland", 1, ["en", "mi"]],
];
const CAREER = [
  "promotion",
  "leadership",
  "architecture",
  "career change",
  "first management role",
  "confidence",
  "visibility",
  "mentoring others",
  "technical depth",
  "cross-team influence",
  "public speaking",
  "writing",
  "negotiating salary",
  "work life balance",
  "starting a team",
  "staff engineer path",
];
const AVAILABILITY = [
  [1, 2, 3, 4].map((day) => ({ day, start: "18:00", end: "20:00" })),
  [2, 4].map((day) => ({ day, start: "12:00", end: "13:30" })),
  [1, 3, 5].map((day) => ({ day, start: "08:00", end: "09:30" })),
  [{ day: 6, start: "10:00", end: "12:00" }],
  [1, 2, 3, 4, 5].map((day) => ({ day, start: "16:00", end: "17:00" })),
  [3, 5].map((day) => ({ day, start: "14:00", end: "16:00" })),
];

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ter",
  "sun",
  "dra",
  "vel",
  "po",
  "rix",
  "an",
  "tu",
  "sel",
  "mar",
  "qui",
  "zen",
  "bo",
];
const WORDS = Array.from({ length: 3000 }, (_, k) => {
  let word = "";
  for (let n = k + 16; n > 0; n = Math.floor(n / 16)) word += SYLLABLES[n % 16];
  return word;
});

export interface ProgrammeSpec {
  readonly mentees: number;
  readonly mentors: number;
  readonly seed: number;
  /** Total mentor capacity / mentees (about 1.1 with capacities 1..10 uniform). */
  readonly capacity?: "tight" | "loose";
}

/**
 * A programme of `mentees` + `mentors` people (2% of mentors are mentees too).
 *
 * Example: generateProgramme({ mentees: 1000, mentors: 200, seed: 1 }).participants.length === 1000 + 200 - 4
 */
export function generateProgramme(spec: ProgrammeSpec): Programme {
  const rand = mulberry32(spec.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const zoneTotal = ZONES.reduce((s, z) => s + z[1], 0);
  const pickZone = () => {
    let r = rand() * zoneTotal;
    for (const zone of ZONES) {
      r -= zone[1];
      if (r < 0) return zone;
    }
    return ZONES[0];
  };
  const skillsFrom = (clusters: string[], count: number, minLevel: number, maxLevel: number) => {
    const chosen = new Map<string, number>();
    while (chosen.size < count) {
      const cluster = rand() < 0.8 ? pick(clusters) : pick(Object.keys(CLUSTERS));
      chosen.set(pick(CLUSTERS[cluster]), minLevel + Math.floor(rand() * (maxLevel - minLevel + 1)));
    }
    return [...chosen].map(([skill, level]) => ({ skill, level }));
  };
  // free text: career phrases and skills of the person's clusters, plus a long tail of words
  // drawn with Zipf frequencies from a 3,000-word vocabulary (as real profile text has)
  const zipfWord = () =>
    WORDS[Math.min(WORDS.length - 1, Math.floor(Math.exp(rand() * Math.log(WORDS.length + 1)) - 1))];
  const text = (clusters: string[], words: number) =>
    [
      ...Array.from({ length: Math.ceil(words / 3) }, () => pick(CAREER)),
      ...Array.from({ length: Math.ceil(words / 3) }, () => pick(CLUSTERS[pick(clusters)]).replace("-", " ")),
      ...Array.from({ length: words }, zipfWord),
    ].join(" ");
  const people: (Participant & { years: number; dept: number })[] = [];
  const total = spec.mentees + spec.mentors;
  const both = Math.floor(spec.mentors * 0.02);
  for (let k = 0; k < total - both; k++) {
    const isMentor = k < spec.mentors;
    const dept = Math.floor(rand() * DEPARTMENTS.length);
    const clusters = DEPARTMENTS[dept][1];
    const [timeZone, , regional] = pickZone();
    const years = isMentor ? 5 + Math.floor(rand() * 26) : Math.floor(rand() * 12);
    const loose = spec.capacity === "loose";
    people.push({
      id: `${isMentor ? "m" : "e"}${k}`,
      role: isMentor ? (k < both ? "both" : "mentor") : "mentee",
      mentorCapacity: isMentor
        ? 1 + Math.floor(rand() * (loose ? 10 : 10)) + (loose ? Math.floor(rand() * 3) : 0)
        : undefined,
      skillsOffered: isMentor ? skillsFrom(clusters, 4 + Math.floor(rand() * 5), 3, 5) : undefined,
      skillsWanted:
        !isMentor || k < both ? skillsFrom(clusters, 2 + Math.floor(rand() * 3), 2, 5) : undefined,
      goals: text(clusters, 6),
      experience: isMentor ? text(clusters, 10) : undefined,
      yearsExperience: years,
      jobRole: pick(["engineer", "manager", "analyst", "designer", "lead", "director"]),
      department: DEPARTMENTS[dept][0],
      timeZone,
      languages: rand() < 0.9 ? ["en", ...(rand() < 0.5 ? [pick(regional)] : [])] : [pick(regional)],
      availability: [...pick(AVAILABILITY), ...(rand() < 0.4 ? pick(AVAILABILITY) : [])],
      years,
      dept,
    });
  }
  // manager trees: within a department, people report to someone more senior
  for (let dept = 0; dept < DEPARTMENTS.length; dept++) {
    const members = people
      .filter((p) => p.dept === dept)
      .sort((a, b) => b.years - a.years || (a.id < b.id ? -1 : 1));
    members.forEach((p, rank) => {
      if (rank > 0)
        (p as { managerId?: string }).managerId = members[Math.floor(rand() * Math.max(1, rank / 6))].id;
    });
  }
  const mentorIds = people.filter((p) => p.role !== "mentee").map((p) => p.id);
  for (const p of people) {
    if (p.role !== "mentor" && rand() < 0.1)
      (p as { preferences?: string[] }).preferences = [pick(mentorIds), pick(mentorIds), pick(mentorIds)];
  }
  const participants = people.map(({ years: _y, dept: _d, ...p }) => p);
  const menteeIds = people.filter((p) => p.role !== "mentor").map((p) => p.id);
  const earlierPairs = Array.from(
    { length: Math.floor(spec.mentees / 50) },
    () => [pick(menteeIds), pick(mentorIds)] as const,
  );
  return { participants, earlierPairs };
}

/** The benchmark's match config: hard language and working-hours rules, weighted fit. */
export const BENCH_CONFIG: MatchConfig = {
  criteria: [
    { kind: "language", hard: true },
    { kind: "workingHours", hard: true, weight: 2, minHours: 2 },
    { kind: "skills", weight: 6 },
    { kind: "goals", weight: 3 },
    { kind: "experienceGap", weight: 3, minGap: 2, maxGap: 15 },
    { kind: "different", field: "department", weight: 1 },
    { kind: "availability", weight: 2, minHours: 1, targetHours: 3 },
    { kind: "preferences", weight: 2 },
  ],
  candidatesPerMentee: 48,
  referenceWeek: "2026-03-30",
};
