/**
 * Rules of a participant's profile: who may see which part, the weekly availability, skill lists
 * without duplicates, the text the mentor search indexes, and reporting lines without cycles.
 * Pure: no I/O; everything comes in as arguments.
 */
/** The parts of a profile whose audience the owner chooses. */
export const PROFILE_SECTIONS = ["about", "work", "skills", "goals", "availability"] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/**
 * Who may see a section: any member of the organisation, people who share a programme with the
 * owner (and admins), or admins only. The owner always sees everything.
 */
export const VISIBILITY_LEVELS = ["organisation", "programme", "admins"] as const;
export type VisibilityLevel = (typeof VISIBILITY_LEVELS)[number];
export type Visibility = Record<ProfileSection, VisibilityLevel>;

/** Career goals are personal: by default only people in a programme with the owner see them. */
export const DEFAULT_VISIBILITY: Visibility = {
  about: "organisation",
  work: "organisation",
  skills: "organisation",
  goals: "programme",
  availability: "organisation",
};

/** What each section holds, in words (for pages and documentation). */
export const SECTION_FIELDS: Record<ProfileSection, string> = {
  about: "headline, bio, job title, photo and links",
  work: "department, manager, location, time zone and languages",
  skills: "skills offered and wanted, topics and years of experience",
  goals: "career goals",
  availability: "weekly availability",
};

/**
 * The stored visibility map completed with the defaults (a profile saved before a section existed,
 * or one created by an import, has gaps); unknown sections and levels are ignored.
 *
 * Example: resolveVisibility({ goals: "admins", colour: "red" })
 *   // { about: "organisation", work: "organisation", skills: "organisation", goals: "admins", availability: "organisation" }
 */
export function resolveVisibility(stored: Readonly<Record<string, unknown>> | null | undefined): Visibility {
  const resolved = { ...DEFAULT_VISIBILITY };
  for (const section of PROFILE_SECTIONS) {
    const level = stored?.[section];
    if ((VISIBILITY_LEVELS as readonly unknown[]).includes(level))
      resolved[section] = level as VisibilityLevel;
  }
  return resolved;
}

/** How the viewer relates to the profile's owner. */
export interface Viewer {
  isOwner: boolean;
  /** An owner or admin of the organisation. */
  isAdmin: boolean;
  /** Enrolled (active or paused) in a programme the owner is also enrolled in. */
  sharesProgramme: boolean;
}

/**
 * Whether a viewer may see a section set to `level`.
 *
 * Example: maySee("programme", { isOwner: false, isAdmin: false, sharesProgramme: true }) === true
 */
export function maySee(level: VisibilityLevel, viewer: Viewer): boolean {
  if (viewer.isOwner || viewer.isAdmin) return true;
  if (level === "organisation") return true;
  if (level === "programme") return viewer.sharesProgramme;
  return false;
}

/**
 * The sections a viewer may see, in the order of PROFILE_SECTIONS.
 *
 * Example: with the defaults, a member who shares no programme sees every section but "goals".
 */
export function visibleSections(visibility: Visibility, viewer: Viewer): ProfileSection[] {
  return PROFILE_SECTIONS.filter((section) => maySee(visibility[section], viewer));
}

/** Whether `zone` is an IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  // Intl alone (no date library), so the contracts that use this stay light in the web bundle.
  if (zone.length === 0 || /^[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A valid zone in its canonical spelling when only the case differs ("europe/berlin" becomes
 * "Europe/Berlin"); aliases keep the spelling given ("Asia/Kolkata" stays, though older ICU
 * data calls it "Asia/Calcutta").
 */
export function normaliseTimeZone(zone: string): string {
  if (!isValidTimeZone(zone)) return zone;
  const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

/** Minutes since midnight of "HH:MM" ("24:00" is 1440, the end of the day). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours * 60 + minutes;
}

export interface WeeklySlot {
  /** 1 = Monday ... 7 = Sunday (ISO). */
  day: number;
  start: string;
  end: string;
}

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A problem with one slot (`index`) or with the list as a whole. */
export interface SlotProblem {
  index: number;
  field: "end" | null;
  message: string;
}

/**
 * Problems in a weekly availability: a slot must end after it starts, and slots of one day may
 * touch but not overlap. Times are "HH:MM" already checked for form.
 *
 * Example:
 *   availabilityProblems([{ day: 1, start: "09:00", end: "11:00" }, { day: 1, start: "10:30", end: "12:00" }])
 *   // [{ index: 1, field: null, message: "Monday 10:30–12:00 overlaps 09:00–11:00" }]
 */
export function availabilityProblems(slots: readonly WeeklySlot[]): SlotProblem[] {
  const problems: SlotProblem[] = [];
  const valid: { index: number; slot: WeeklySlot; from: number; to: number }[] = [];
  slots.forEach((slot, index) => {
    const from = minutesOf(slot.start);
    const to = minutesOf(slot.end);
    if (to <= from) problems.push({ index, field: "end", message: "must be after the start" });
    else valid.push({ index, slot, from, to });
  });
  valid.sort((a, b) => a.slot.day - b.slot.day || a.from - b.from || a.index - b.index);
  for (let i = 1; i < valid.length; i++) {
    const before = valid[i - 1];
    const current = valid[i];
    if (before.slot.day === current.slot.day && current.from < before.to) {
      const day = WEEKDAY_NAMES[current.slot.day - 1] ?? `Day ${current.slot.day}`;
      problems.push({
        index: Math.max(before.index, current.index),
        field: null,
        message: `${day} ${current.slot.start}–${current.slot.end} overlaps ${before.slot.start}–${before.slot.end}`,
      });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/**
 * The first name that appears twice, compared trimmed and case-insensitively, or null.
 *
 * Example: firstDuplicate(["TypeScript", "Go", "typescript "]) === "typescript "
 */
export function firstDuplicate(names: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return null;
}

/**
 * Names from the organisation's skill list take the list's spelling; free additions stay as typed.
 *
 * Example: canonicalSkillName("typescript", ["TypeScript", "Go"]) === "TypeScript"
 */
export function canonicalSkillName(name: string, listed: readonly string[]): string {
  const key = name.trim().toLowerCase();
  return listed.find((item) => item.toLowerCase() === key) ?? name.trim();
}

/**
 * The text the mentor search indexes beside headline, job title, bio and goals: offered skills
 * then topics, joined with spaces (kept in the profile's `search_text` column).
 *
 * Example: profileSearchText([{ skill: "Go", level: 3 }], ["public speaking"]) === "Go public speaking"
 */
export function profileSearchText(
  skillsOffered: readonly { skill: string }[],
  topics: readonly string[],
): string {
  return [...skillsOffered.map((item) => item.skill), ...topics].join(" ");
}

/**
 * Whether making `managerId` the manager of `userId` closes a loop. `chainAbove` is the manager
 * chain above the proposed manager: their manager, that person's manager, and so on.
 *
 * Example: Ann manages Bob (Bob's chain is ["ann"]), so Ann may not choose Bob as her manager:
 *   reportingCycle("ann", "bob", ["ann"]) === true
 */
export function reportingCycle(userId: string, managerId: string, chainAbove: readonly string[]): boolean {
  return managerId === userId || chainAbove.includes(userId);
}
