import type { RelationshipEvent, RelationshipStatusValue } from "../../../contracts/relationships.ts";
import { formatDateTime } from "../../components/format.ts";

/** Words and badge tones for the relationship screens (My mentoring, the relationship, managers' list). */
export const STATUS_LABEL: Record<RelationshipStatusValue, string> = {
  proposed: "Proposed",
  active: "Active",
  paused: "Paused",
  completed: "Completed",
  ended_early: "Ended early",
};

export const STATUS_TONE: Record<RelationshipStatusValue, string> = {
  proposed: "badge--info",
  active: "badge--success",
  paused: "badge--warning",
  completed: "badge--neutral",
  ended_early: "badge--neutral",
};

export const CADENCE_LABEL: Record<string, string> = {
  weekly: "Weekly",
  fortnightly: "Every two weeks",
  monthly: "Monthly",
  as_needed: "As needed",
};

export const FORMAT_LABEL: Record<string, string> = {
  video: "Video (your own tool)",
  in_person: "In person",
  phone: "Phone",
  messaging: "Messaging",
};

/** A calendar day ("2026-04-30") as "30 Apr 2026" (the app's one format); days have no time zone. */
export { formatDay } from "../../components/format.ts";

/** An instant in the viewer's profile time zone ("30 Apr 2026, 14:05"); the page names the zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone);
}

export function daysAgo(days: number): string {
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/** "Monthly · Video (your own tool), Phone · 2 h a month" */
export function minutesInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes a month`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} ${hours === 1 ? "hour" : "hours"}${rest ? ` ${rest} minutes` : ""} a month`;
}

/** One line of the history: who did what (and why, when it was given). */
export function describeEvent(event: RelationshipEvent): string {
  const who = event.actorName ?? "Someone";
  const why = event.detail ? `: ${event.detail}` : "";
  switch (event.kind) {
    case "created":
      return `${who} started the match (${event.detail === "bulk" ? "bulk matching" : event.detail === "request" ? "an accepted request" : "by a manager"})`;
    case "agreement_changed":
      return `${who} changed the agreement${why}`;
    case "agreement_confirmed":
      return `${who} confirmed the agreement${why}`;
    case "activated":
      return "The mentoring started: both confirmed the agreement";
    case "paused":
      return `${who} paused the mentoring${why}`;
    case "resumed":
      return `${who} resumed the mentoring`;
    case "completed":
      return `${who} marked the mentoring completed`;
    case "ended_early":
      return `${who} ended the mentoring early${why}`;
    case "end_date_changed":
      return `The end date changed${why}`;
    case "fit_check":
      return `Fit check${why}`;
    case "fit_check_due":
      return "The fit check opened: both were asked whether the pairing works";
    default:
      return `${who}: ${event.kind.replace(/_/g, " ")}${why}`;
  }
}
