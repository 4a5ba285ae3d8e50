import type { VisibilityLevel } from "../../../core/profiles/profile-rules.ts";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const LEVEL_NAMES: Record<number, string> = {
  1: "Beginner",
  2: "Developing",
  3: "Proficient",
  4: "Advanced",
  5: "Expert",
};

export const VISIBILITY_LABELS: Record<VisibilityLevel, string> = {
  organisation: "Everyone in the organisation",
  programme: "People in my programmes, and admins",
  admins: "Only admins",
};

/** Languages offered in the picker (ISO 639-1); any other code a profile holds is shown too. */
export const COMMON_LANGUAGES = [
  "ar",
  "bn",
  "cs",
  "da",
  "de",
  "el",
  "en",
  "es",
  "fa",
  "fi",
  "fr",
  "he",
  "hi",
  "hu",
  "id",
  "it",
  "ja",
  "ko",
  "ms",
  "nl",
  "no",
  "pl",
  "pt",
  "ro",
  "ru",
  "sv",
  "sw",
  "ta",
  "th",
  "tl",
  "tr",
  "uk",
  "ur",
  "vi",
  "zh",
];

let languageNames: Intl.DisplayNames | undefined;

/** "de" -> "German" (in English, like the rest of the app); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(["en"], { type: "language" });
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The browser's time zone ("Europe/Berlin"), or UTC when it does not say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every zone the browser knows, with `include` (the saved one) among them. */
export function timeZoneOptions(include: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC", include];
  const all = new Set([...zones, "UTC", include]);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** "2.4 MB" */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
