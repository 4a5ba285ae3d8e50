import type { DomainEvent, EventPayload } from "../../contracts/events.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { RelationshipId } from "../../core/programmes/types.ts";
import type { Notice } from "./notice.ts";
import { pages } from "../../contracts/pages.ts";

/**
 * The wording of every relationship event, for the in-app list (title and one short line) and the
 * email (title as subject, a few fuller paragraphs, one button). Private content of the pair (goals,
 * confidentiality, notes) is only ever sent to the pair itself.
 */
export type RelationshipNoticeEvent =
  | { kind: "activated"; endsOn: string | null; fitCheckDueOn: string | null }
  | { kind: "agreement_changed"; version: number; changes: string[]; isActive: boolean }
  | { kind: "agreement_confirmed"; version: number; isActive: boolean }
  | { kind: "agreement_agreed"; version: number; newEndsOn: string | null; endDateChanged: boolean }
  | { kind: "paused"; reason: string | null }
  | { kind: "resumed" }
  | { kind: "completed" }
  | { kind: "ended_early"; reason: string; recipientIsMentee: boolean }
  | { kind: "fit_check_ended"; note: string | null; recipientIsMentee: boolean }
  | { kind: "fit_check_due" };

export interface RelationshipNoticeContext {
  orgId: OrgId;
  relationshipId: RelationshipId;
  /** Who gets it: the other side of the pair. */
  recipientId: UserId;
  /** Who did it (for a reminder: the other person of the pair). */
  actorName: string;
  programmeName: string;
  /** Who did it (null for a reminder the system sends). */
  actorId?: UserId | null;
}

const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "30 April 2026" for "2026-04-30". */
export function formatDay(day: string): string {
  return longDate.format(new Date(`${day}T00:00:00Z`));
}

/** "the cadence, the formats and the end date" */
function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

interface Wording {
  title: string;
  body: string;
  email: string[];
  actionLabel: string;
}

function word(event: RelationshipNoticeEvent, context: RelationshipNoticeContext): Wording {
  const { actorName: actor, programmeName: programme } = context;
  switch (event.kind) {
    case "activated":
      return {
        title: `Your mentoring with ${actor} has started`,
        body: `You both confirmed the agreement for ${programme}.`,
        email: [
          `You and ${actor} both confirmed your mentoring agreement for ${programme}, so your mentoring has now started.`,
          event.endsOn ? `It runs until ${formatDay(event.endsOn)}.` : "It runs until you agree to end it.",
          event.fitCheckDueOn
            ? `On ${formatDay(event.fitCheckDueOn)} Trellis will ask you both a quick question: is this pairing working? If it is not, either of you can end it then, with no hard feelings.`
            : "",
        ],
        actionLabel: "Open your mentoring",
      };
    case "agreement_changed":
      return {
        title: `${actor} proposed changes to your mentoring agreement`,
        body: `${actor} changed ${listInWords(event.changes)}. Review version ${event.version} and confirm it.`,
        email: [
          `${actor} changed ${listInWords(event.changes)} in your mentoring agreement for ${programme}. This is now version ${event.version} of the agreement.`,
          event.isActive
            ? "Your mentoring carries on as agreed before until you both confirm the new version."
            : "Your mentoring starts once you have both confirmed the agreement.",
          "Please review the changes and confirm them, or change them back.",
        ],
        actionLabel: "Review the agreement",
      };
    case "agreement_confirmed":
      return {
        title: `${actor} confirmed your mentoring agreement`,
        body: `Review version ${event.version} and confirm it ${event.isActive ? "to put it into effect" : "to start your mentoring"}.`,
        email: [
          `${actor} confirmed version ${event.version} of your mentoring agreement for ${programme}.`,
          event.isActive
            ? "Once you confirm it too, the new terms apply."
            : "Your mentoring starts as soon as you confirm it too.",
        ],
        actionLabel: "Review and confirm",
      };
    case "agreement_agreed":
      return {
        title: `Your agreement with ${actor} is updated`,
        body: event.endDateChanged
          ? `You both confirmed version ${event.version}. ${event.newEndsOn ? `Your mentoring now ends on ${formatDay(event.newEndsOn)}.` : "Your mentoring now has no fixed end date."}`
          : `You both confirmed version ${event.version}.`,
        email: [
          `${actor} confirmed version ${event.version} of your mentoring agreement for ${programme}, which you had confirmed already. The new terms apply from now.`,
          event.endDateChanged
            ? event.newEndsOn
              ? `Your mentoring now ends on ${formatDay(event.newEndsOn)}.`
              : "Your mentoring now has no fixed end date."
            : "",
        ],
        actionLabel: "Open your mentoring",
      };
    case "paused":
      return {
        title: `${actor} paused your mentoring`,
        body: event.reason ? `Reason: ${event.reason}` : `Your mentoring in ${programme} is on hold.`,
        email: [
          `${actor} paused your mentoring in ${programme}.`,
          event.reason ? `They said: “${event.reason}”` : "",
          "Either of you can resume it when you are ready.",
        ],
        actionLabel: "Open your mentoring",
      };
    case "resumed":
      return {
        title: `${actor} resumed your mentoring`,
        body: `Your mentoring in ${programme} is active again.`,
        email: [
          `${actor} resumed your mentoring in ${programme}. It is active again.`,
          "A good moment to plan your next conversation.",
        ],
        actionLabel: "Open your mentoring",
      };
    case "completed":
      return {
        title: `${actor} marked your mentoring as completed`,
        body: `Your mentoring in ${programme} is complete.`,
        email: [
          `${actor} marked your mentoring in ${programme} as completed. Congratulations on the work you did together.`,
          "Its history stays in My mentoring.",
        ],
        actionLabel: "Open your mentoring",
      };
    case "ended_early":
      return {
        title: `${actor} ended your mentoring early`,
        body: `Reason: ${event.reason}`,
        email: [
          `${actor} ended your mentoring in ${programme} before its planned end.`,
          `They said: “${event.reason}”`,
          event.recipientIsMentee
            ? "You can be matched with another mentor: open the programme to find one, or wait for your programme manager."
            : "The place you gave this mentee is free again.",
        ],
        actionLabel: "Open your mentoring",
      };
    case "fit_check_due":
      return {
        title: `How is your mentoring with ${actor} going?`,
        body: "The fit check is open: tell us whether the pairing works.",
        email: [
          `You have been meeting ${actor} in ${programme} for a few weeks. Is the pairing working for you?`,
          "Answer the fit check in Trellis: it takes a moment. If it is not working, you can end the pairing there, with no hard feelings; a mentee can then be matched with someone else.",
        ],
        actionLabel: "Answer the fit check",
      };
    case "fit_check_ended":
      return {
        title: `${actor} ended your mentoring at the fit check`,
        body: [
          event.note ? `They said: “${event.note}”` : "",
          event.recipientIsMentee
            ? "The pairing did not fit. You can be matched with another mentor."
            : "The pairing did not fit; your place is free again.",
        ]
          .filter((line) => line !== "")
          .join(" "),
        email: [
          `At the fit check, ${actor} said your pairing in ${programme} is not working, so it has ended. That happens, and it is better to know early.`,
          event.note ? `They added: “${event.note}”` : "",
          event.recipientIsMentee
            ? "You can be matched with another mentor: open the programme to find one, or wait for your programme manager."
            : "The place you gave this mentee is free again.",
        ],
        actionLabel: "Open your mentoring",
      };
  }
}

type RelationshipEventKind =
  | "relationship.started"
  | "relationship.status_changed"
  | "agreement.changed"
  | "agreement.confirmed"
  | "agreement.agreed"
  | "fit_check.due"
  | "fit_check.answered";

/**
 * The domain event for one relationship change, told to the other side of the pair. Recorded in
 * the change's transaction; its notification and email are rendered from it later.
 */
export function relationshipNotice(
  event: RelationshipNoticeEvent,
  context: RelationshipNoticeContext,
): DomainEvent {
  const base = {
    relationshipId: context.relationshipId,
    programmeName: context.programmeName,
    recipientId: context.recipientId,
    actorName: context.actorName,
  };
  const envelope = {
    orgId: context.orgId,
    actorId: context.actorId ?? null,
    subjectId: context.relationshipId,
  };
  switch (event.kind) {
    case "activated":
      return {
        ...envelope,
        kind: "relationship.started",
        payload: { ...base, endsOn: event.endsOn, fitCheckDueOn: event.fitCheckDueOn },
      };
    case "agreement_changed":
      return {
        ...envelope,
        kind: "agreement.changed",
        payload: { ...base, version: event.version, changes: event.changes, isActive: event.isActive },
      };
    case "agreement_confirmed":
      return {
        ...envelope,
        kind: "agreement.confirmed",
        payload: { ...base, version: event.version, isActive: event.isActive },
      };
    case "agreement_agreed":
      return {
        ...envelope,
        kind: "agreement.agreed",
        payload: {
          ...base,
          version: event.version,
          newEndsOn: event.newEndsOn,
          endDateChanged: event.endDateChanged,
        },
      };
    case "paused":
    case "resumed":
    case "completed":
    case "ended_early":
      return {
        ...envelope,
        kind: "relationship.status_changed",
        payload: {
          ...base,
          status: event.kind === "ended_early" ? "ended" : event.kind,
          reason: event.kind === "paused" || event.kind === "ended_early" ? event.reason : null,
          recipientIsMentee: event.kind === "ended_early" ? event.recipientIsMentee : false,
        },
      };
    case "fit_check_due":
      return { ...envelope, kind: "fit_check.due", payload: base };
    case "fit_check_ended":
      return {
        ...envelope,
        kind: "fit_check.answered",
        payload: { ...base, note: event.note, recipientIsMentee: event.recipientIsMentee },
      };
  }
}

/** The wording's input, back from a stored relationship event. */
function noticeEventOf(
  kind: RelationshipEventKind,
  payload: EventPayload<RelationshipEventKind>,
): RelationshipNoticeEvent {
  const p = payload as unknown as Record<string, never>;
  switch (kind) {
    case "relationship.started":
      return { kind: "activated", endsOn: p.endsOn, fitCheckDueOn: p.fitCheckDueOn };
    case "agreement.changed":
      return { kind: "agreement_changed", version: p.version, changes: p.changes, isActive: p.isActive };
    case "agreement.confirmed":
      return { kind: "agreement_confirmed", version: p.version, isActive: p.isActive };
    case "agreement.agreed":
      return {
        kind: "agreement_agreed",
        version: p.version,
        newEndsOn: p.newEndsOn,
        endDateChanged: p.endDateChanged,
      };
    case "relationship.status_changed": {
      const status = p.status as "paused" | "resumed" | "completed" | "ended";
      if (status === "paused") return { kind: "paused", reason: p.reason };
      if (status === "ended")
        return { kind: "ended_early", reason: p.reason ?? "", recipientIsMentee: p.recipientIsMentee };
      return { kind: status };
    }
    case "fit_check.due":
      return { kind: "fit_check_due" };
    case "fit_check.answered":
      return { kind: "fit_check_ended", note: p.note, recipientIsMentee: p.recipientIsMentee };
  }
}

export const RELATIONSHIP_EVENT_KINDS: readonly RelationshipEventKind[] = [
  "relationship.started",
  "relationship.status_changed",
  "agreement.changed",
  "agreement.confirmed",
  "agreement.agreed",
  "fit_check.due",
  "fit_check.answered",
];

/** The notice (in-app and email) a stored relationship event gives its recipient. */
export function relationshipEventNotice(event: {
  orgId: string;
  kind: RelationshipEventKind;
  payload: EventPayload<RelationshipEventKind>;
}): Notice {
  const payload = event.payload;
  const context: RelationshipNoticeContext = {
    orgId: event.orgId as OrgId,
    relationshipId: payload.relationshipId as RelationshipId,
    recipientId: payload.recipientId as UserId,
    actorName: payload.actorName,
    programmeName: payload.programmeName,
  };
  const wording = word(noticeEventOf(event.kind, payload), context);
  return {
    orgId: context.orgId,
    userId: context.recipientId,
    kind: event.kind,
    title: wording.title,
    body: wording.body,
    emailBody: wording.email.filter((paragraph) => paragraph !== "").join("\n\n"),
    link: pages.relationship(context.relationshipId),
    actionLabel: wording.actionLabel,
  };
}
