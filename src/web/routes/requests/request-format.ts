import type { RequestStatusValue } from "../../../contracts/requests.ts";
import { formatDateTime } from "../../components/format.ts";

export const STATUS_LABELS: Record<RequestStatusValue, string> = {
  pending: "Waiting for the mentor",
  needs_info: "Question for the mentee",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const STATUS_TONES: Record<RequestStatusValue, string> = {
  pending: "badge--info",
  needs_info: "badge--warning",
  accepted: "badge--success",
  declined: "badge--neutral",
  withdrawn: "badge--neutral",
  expired: "badge--neutral",
};

export const CADENCE_LABELS = {
  weekly: "Weekly",
  fortnightly: "Every two weeks",
  monthly: "Monthly",
  as_needed: "As needed",
} as const;

export const FORMAT_LABELS = {
  video: "Video (your own tool)",
  in_person: "In person",
  phone: "Phone",
  messaging: "Messaging",
} as const;

export const isOpen = (status: RequestStatusValue) => status === "pending" || status === "needs_info";

/** "12 Mar 2026, 14:00" in the given zone (the app's one format). */
export function formatInZone(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone);
}

/**
 * How long until a request expires, in words: "expires in 3 days", "expires in 5 hours",
 * "expires within the hour", or "expired".
 */
export function expiryCountdown(expiresAt: string, now: Date = new Date()): string {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (ms <= 0) return "expired";
  const hours = ms / 3_600_000;
  if (hours < 1) return "expires within the hour";
  if (hours < 48) return `expires in ${Math.floor(hours)} ${Math.floor(hours) === 1 ? "hour" : "hours"}`;
  return `expires in ${Math.floor(hours / 24)} days`;
}

/** "Europe/London" -> "Europe/London time" (said beside every time shown). */
export const zoneNote = (timeZone: string) => `Times in ${timeZone.replace(/_/g, " ")}`;
