/**
 * Programme templates: a good starting point for the programmes organisations run most. A template
 * fills every setting; the admin then names the programme, picks dates and changes what they like.
 * Every template's form passes `checkForm`, its criteria pass `validateMatchConfig`, and the two
 * agree (`checkSettings`): the unit tests hold each template to that.
 */
import { DEFAULT_COHORT_WEEKS, type ProgrammeSettings, cohortEnd } from "./programme-settings.ts";

export const TEMPLATE_IDS = [
  "developer-cohort",
  "career-mentoring",
  "flash-mentoring",
  "peer-circles",
  "coaching",
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Settings a template fixes: everything but the name and the dates, plus the cohort length. */
export type TemplateSettings = Omit<ProgrammeSettings, "name" | "startsOn" | "endsOn"> & {
  /** Weeks from start to end; null for an evergreen programme. */
  cohortWeeks: number | null;
};

export interface ProgrammeTemplate {
  id: TemplateId;
  name: string;
  summary: string;
  settings: TemplateSettings;
}

const REQUEST_RULES = { requestExpiryDays: 14, requestReminderDays: 3 } as const;

export const PROGRAMME_TEMPLATES: readonly ProgrammeTemplate[] = [
  {
    id: "developer-cohort",
    name: "12-week developer cohort with GROW goals",
    summary:
      "Junior and mid-level engineers paired with experienced developers for 12 weeks, each pair working on GROW goals. Admins match in bulk; people may also choose a mentor.",
    settings: {
      description:
        "Twelve weeks of one-to-one mentoring for developers. Each pair sets a GROW goal in the first session (Goal, current Reality, Options, the Way forward) and meets every fortnight.",
      type: "one_to_one",
      evergreen: false,
      cohortWeeks: DEFAULT_COHORT_WEEKS,
      rolesOffered: ["mentee", "mentor"],
      defaultMentorCapacity: 2,
      matchingMode: "both",
      registrationForm: [
        {
          id: "track",
          kind: "single_choice",
          label: "Which track are you in?",
          required: true,
          usedInMatching: true,
          options: ["Frontend", "Backend", "Data", "Platform", "Mobile"],
        },
        {
          id: "grow_goal",
          kind: "text",
          label: "Your goal for these 12 weeks",
          help: "The G of GROW: what would you like to be true at the end of the cohort?",
          required: true,
          usedInMatching: false,
          audience: "mentee",
        },
        {
          id: "skills_focus",
          kind: "skills",
          label: "Skills you want to work on (or can teach)",
          required: false,
          usedInMatching: false,
        },
        {
          id: "hours_per_month",
          kind: "scale",
          label: "Hours a month you can give",
          required: true,
          usedInMatching: false,
          min: 1,
          max: 8,
        },
      ],
      matchConfig: {
        criteria: [
          { kind: "skills", weight: 8 },
          { kind: "same", question: "track", weight: 6 },
          { kind: "goals", weight: 5 },
          { kind: "experienceGap", weight: 3, minGap: 2, maxGap: 15 },
          { kind: "workingHours", weight: 3, minHours: 2 },
          { kind: "language", hard: true },
          { kind: "different", field: "department", weight: 2 },
        ],
      },
      ...REQUEST_RULES,
      pendingRequestCap: 3,
      requiresApproval: false,
    },
  },
  {
    id: "career-mentoring",
    name: "6-month career mentoring",
    summary:
      "Six months with a senior colleague from another part of the organisation, focused on career direction rather than a skill.",
    settings: {
      description:
        "Six months of career conversations with a senior colleague outside your department: where you want to go, and how to get there.",
      type: "one_to_one",
      evergreen: false,
      cohortWeeks: 26,
      rolesOffered: ["mentee", "mentor"],
      defaultMentorCapacity: 1,
      matchingMode: "both",
      registrationForm: [
        {
          id: "career_stage",
          kind: "single_choice",
          label: "Which best describes where you are?",
          required: true,
          usedInMatching: true,
          options: ["Starting out", "Growing as a specialist", "Moving into management", "Changing field"],
        },
        {
          id: "hoped_for",
          kind: "text",
          label: "What would you like from a mentor?",
          required: true,
          usedInMatching: false,
          audience: "mentee",
        },
        {
          id: "offer",
          kind: "text",
          label: "What can you offer a mentee?",
          required: false,
          usedInMatching: false,
          audience: "mentor",
        },
      ],
      matchConfig: {
        criteria: [
          { kind: "goals", weight: 8 },
          { kind: "same", question: "career_stage", weight: 5 },
          { kind: "topics", weight: 5 },
          { kind: "experienceGap", weight: 6, minGap: 5, maxGap: 25 },
          { kind: "different", field: "department", weight: 4 },
          { kind: "language", hard: true },
        ],
      },
      ...REQUEST_RULES,
      pendingRequestCap: 3,
      requiresApproval: false,
    },
  },
  {
    id: "flash-mentoring",
    name: "One-off flash mentoring",
    summary:
      "A single conversation with someone who knows the answer. Always open: people join any time and pick a mentor themselves.",
    settings: {
      description:
        "One conversation, one question. Find someone who has done what you are about to do, ask for an hour of their time, and go.",
      type: "flash",
      evergreen: true,
      cohortWeeks: null,
      rolesOffered: ["mentee", "mentor"],
      defaultMentorCapacity: 3,
      matchingMode: "self",
      registrationForm: [
        {
          id: "question",
          kind: "text",
          label: "What would you like to talk about?",
          required: true,
          usedInMatching: false,
          audience: "mentee",
        },
      ],
      matchConfig: {
        criteria: [
          { kind: "skills", weight: 7 },
          { kind: "topics", weight: 6 },
          { kind: "workingHours", weight: 2, minHours: 1, hard: true },
          { kind: "language", hard: true },
        ],
      },
      ...REQUEST_RULES,
      pendingRequestCap: 1,
      requiresApproval: false,
    },
  },
  {
    id: "peer-circles",
    name: "Peer circles",
    summary:
      "Colleagues at a similar stage meet in small circles around a shared theme. Everyone mentors and is mentored.",
    settings: {
      description:
        "Small circles of peers at a similar stage, meeting every fortnight for 12 weeks around a shared theme. Everyone brings a challenge and everyone helps.",
      type: "peer",
      evergreen: false,
      cohortWeeks: DEFAULT_COHORT_WEEKS,
      rolesOffered: ["both"],
      defaultMentorCapacity: 3,
      matchingMode: "admin",
      registrationForm: [
        {
          id: "theme",
          kind: "single_choice",
          label: "Which circle theme would you like to join?",
          required: true,
          usedInMatching: true,
          options: ["New managers", "Technical leadership", "Career change", "Working across time zones"],
        },
        {
          id: "challenge",
          kind: "text",
          label: "A challenge you would bring to the circle",
          required: false,
          usedInMatching: false,
        },
      ],
      matchConfig: {
        criteria: [
          { kind: "same", question: "theme", hard: true },
          { kind: "topics", weight: 5 },
          { kind: "experienceGap", weight: 3, minGap: -3, maxGap: 3 },
          { kind: "different", field: "department", weight: 4 },
          { kind: "workingHours", weight: 4, minHours: 2 },
          { kind: "language", hard: true },
        ],
      },
      ...REQUEST_RULES,
      pendingRequestCap: 3,
      requiresApproval: false,
    },
  },
  {
    id: "coaching",
    name: "Coaching engagement",
    summary:
      "A structured engagement with a trained coach from outside the coachee's department. Admins approve each coachee and assign coaches.",
    settings: {
      description:
        "A coaching engagement of 16 weeks: a coach from outside your department, a clear focus, and fortnightly sessions.",
      type: "coaching",
      evergreen: false,
      cohortWeeks: 16,
      rolesOffered: ["mentee", "mentor"],
      defaultMentorCapacity: 4,
      matchingMode: "admin",
      registrationForm: [
        {
          id: "focus",
          kind: "single_choice",
          label: "What would you like coaching to focus on?",
          required: true,
          usedInMatching: true,
          options: ["Leadership", "Communication", "Resilience", "Career transition", "Performance"],
        },
        {
          id: "prompt",
          kind: "text",
          label: "What prompted you to ask for coaching?",
          required: true,
          usedInMatching: false,
          audience: "mentee",
        },
        {
          id: "readiness",
          kind: "scale",
          label: "How ready are you to commit time to this?",
          help: "1: I will fit it in when I can. 5: it is a priority this quarter.",
          required: true,
          usedInMatching: false,
          audience: "mentee",
          min: 1,
          max: 5,
        },
      ],
      matchConfig: {
        criteria: [
          { kind: "same", question: "focus", weight: 6 },
          { kind: "goals", weight: 6 },
          { kind: "different", field: "department", hard: true },
          { kind: "workingHours", weight: 3, minHours: 2, hard: true },
          { kind: "language", hard: true },
        ],
      },
      ...REQUEST_RULES,
      pendingRequestCap: 2,
      requiresApproval: true,
    },
  },
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): ProgrammeTemplate | undefined {
  return PROGRAMME_TEMPLATES.find((template) => template.id === id);
}

/**
 * A template's settings for a programme named `name` starting on `startsOn` (its end follows from
 * the template's cohort length; an evergreen template has no dates).
 *
 * Example: settingsFromTemplate(findTemplate("developer-cohort")!, "Spring cohort", "2026-01-05").endsOn
 *   === "2026-03-30"
 */
export function settingsFromTemplate(
  template: ProgrammeTemplate,
  name: string,
  startsOn: string | null,
): ProgrammeSettings {
  const { cohortWeeks, ...settings } = template.settings;
  const dated = !settings.evergreen && startsOn !== null;
  return {
    ...structuredClone(settings),
    name,
    startsOn: dated ? startsOn : null,
    endsOn: dated ? cohortEnd(startsOn, cohortWeeks ?? DEFAULT_COHORT_WEEKS) : null,
  };
}
