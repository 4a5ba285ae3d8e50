/** Realistic, varied demo profiles: places, departments, skills, goals (used by `trellis seed --demo`). */

/** Where demo people live: a location with its IANA zone and a second language that is common there. */
const PLACES = [
  { location: "London", timeZone: "Europe/London", language: "fr" },
  { location: "Berlin", timeZone: "Europe/Berlin", language: "de" },
  { location: "Lisbon", timeZone: "Europe/Lisbon", language: "pt" },
  { location: "New York", timeZone: "America/New_York", language: "es" },
  { location: "Toronto", timeZone: "America/Toronto", language: "fr" },
  { location: "São Paulo", timeZone: "America/Sao_Paulo", language: "pt" },
  { location: "Bengaluru", timeZone: "Asia/Kolkata", language: "hi" },
  { location: "Nairobi", timeZone: "Africa/Nairobi", language: "sw" },
  { location: "Sydney", timeZone: "Australia/Sydney", language: "en" },
] as const;

const DEPARTMENTS = [
  "Engineering",
  "Product",
  "Design",
  "Data",
  "Sales",
  "Marketing",
  "Operations",
  "People",
];

/** Skills by the department that mostly has them; everyone may also have the shared ones. */
export const SKILLS: Record<string, string[]> = {
  Engineering: [
    "TypeScript",
    "React",
    "Node.js",
    "PostgreSQL",
    "System design",
    "Kubernetes",
    "Testing",
    "Go",
  ],
  Product: ["Product discovery", "Roadmapping", "Stakeholder management", "Experimentation"],
  Design: ["UX research", "Interaction design", "Accessibility", "Design systems"],
  Data: ["Python", "SQL", "Machine learning", "Data visualisation", "Statistics"],
  Sales: ["Negotiation", "Account management", "Forecasting"],
  Marketing: ["Content strategy", "SEO", "Brand", "Analytics"],
  Operations: ["Process improvement", "Project management", "Vendor management"],
  People: ["Hiring", "Coaching", "Learning design"],
};
export const SHARED_SKILLS = ["Leadership", "Public speaking", "Writing", "Career growth", "Giving feedback"];

const TOPICS = [
  "first-time management",
  "career change",
  "promotion",
  "work-life balance",
  "technical depth",
  "public speaking",
  "building influence",
  "remote work",
  "starting out",
  "returning to work",
];

const TITLES: Record<string, [junior: string, senior: string]> = {
  Engineering: ["Software engineer", "Staff engineer"],
  Product: ["Associate product manager", "Group product manager"],
  Design: ["Product designer", "Design director"],
  Data: ["Data analyst", "Principal data scientist"],
  Sales: ["Account executive", "Head of sales"],
  Marketing: ["Marketing specialist", "Marketing director"],
  Operations: ["Operations analyst", "Operations lead"],
  People: ["People partner", "Head of people"],
};

export const GOALS = [
  "I want to grow into a tech lead role within a year and learn to guide design discussions.",
  "I am moving from an individual contributor role towards management and want practical advice.",
  "Build confidence presenting to senior stakeholders and writing clearer proposals.",
  "Get better at system design and scaling services that many teams depend on.",
  "Change careers from support into product management; I need help with discovery skills.",
  "Learn how to give and receive feedback well and run effective one-to-ones.",
  "Prepare for a promotion case: understand what the next level expects and close the gaps.",
  "Balance a demanding role with family life and set sustainable boundaries.",
];

const EXPERIENCE = [
  "I have led platform teams for eight years and mentored a dozen engineers into senior roles.",
  "Managed product teams through two launches; happy to talk discovery, roadmaps and trade-offs.",
  "Designer turned design leader; I care about research, accessibility and design systems.",
  "Data scientist who built forecasting and experimentation platforms; I enjoy teaching statistics.",
  "Sales leader who has hired and coached large teams across three continents.",
  "Engineering manager focused on healthy teams, clear feedback and steady delivery.",
];

/** A seeded PRNG; the demo is the same on every run. */
export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

function workingWeek(random: Random): { day: number; start: string; end: string }[] {
  const start = 8 + Math.floor(random() * 4);
  const days = pickSome(random, [1, 2, 3, 4, 5], 2 + Math.floor(random() * 3)).sort();
  return days.map((day) => ({ day, start: `${String(start).padStart(2, "0")}:00`, end: `${start + 2}:00` }));
}

/** A varied, realistic profile for a demo person on one side of mentoring. */
export function demoProfile(random: Random, side: "mentor" | "mentee") {
  const department = pick(random, DEPARTMENTS);
  const place = pick(random, PLACES);
  const own = SKILLS[department];
  const years = side === "mentor" ? 8 + Math.floor(random() * 15) : Math.floor(random() * 6);
  const skills = pickSome(random, [...own, ...SHARED_SKILLS], 3 + Math.floor(random() * 3));
  const offered =
    side === "mentor" ? skills.map((skill) => ({ skill, level: 3 + Math.floor(random() * 3) })) : [];
  const wanted =
    side === "mentee" ? skills.map((skill) => ({ skill, level: 2 + Math.floor(random() * 3) })) : [];
  const topics = pickSome(random, TOPICS, 2 + Math.floor(random() * 2));
  const [juniorTitle, seniorTitle] = TITLES[department];
  const jobTitle = side === "mentor" ? seniorTitle : juniorTitle;
  return {
    headline: side === "mentor" ? `${jobTitle} · ${department}` : `${jobTitle} looking to grow`,
    bio:
      side === "mentor"
        ? pick(random, EXPERIENCE)
        : `${juniorTitle} in ${department}, based in ${place.location}.`,
    jobTitle,
    department,
    location: place.location,
    timeZone: place.timeZone,
    languages: place.language === "en" || random() < 0.5 ? ["en"] : ["en", place.language],
    yearsExperience: years,
    skillsOffered: offered,
    skillsWanted: wanted,
    topics,
    careerGoals: side === "mentee" ? pick(random, GOALS) : "",
    availability: workingWeek(random),
    searchText: [...offered.map((item) => item.skill), ...topics].join(" "),
  };
}

/** The skill list category of a demo skill. */
export function categoryOf(skill: string): string {
  if (SHARED_SKILLS.includes(skill)) return "Shared";
  return Object.entries(SKILLS).find(([, names]) => names.includes(skill))?.[0] ?? "Shared";
}
