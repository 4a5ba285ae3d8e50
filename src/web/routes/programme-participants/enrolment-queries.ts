import { useQueryClient } from "@tanstack/react-query";
import type { ParticipantListQuery } from "../../../contracts/enrolment.ts";

/** Query keys of the enrolment screens (under the organisation, so switching organisation drops them). */
export const enrolmentKeys = {
  mine: (orgId: string, programmeId: string) => ["org", orgId, "enrolment", programmeId] as const,
  participants: (orgId: string, programmeId: string, filters?: ParticipantListQuery) =>
    filters
      ? (["org", orgId, "participants", programmeId, filters] as const)
      : (["org", orgId, "participants", programmeId] as const),
  joinLink: (orgId: string, programmeId: string) => ["org", orgId, "join-link", programmeId] as const,
  imports: (orgId: string, programmeId: string) => ["org", orgId, "imports", programmeId] as const,
  import: (orgId: string, programmeId: string, importId: string) =>
    ["org", orgId, "imports", programmeId, importId] as const,
  joinPreview: (token: string) => ["join-preview", token] as const,
};

/**
 * After a change to who is in a programme: the participant list, my own place and the programme
 * (its frame shows my registration) are read again.
 */
export function useEnrolmentChanged(orgId: string, programmeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: enrolmentKeys.participants(orgId, programmeId) }),
      client.invalidateQueries({ queryKey: enrolmentKeys.mine(orgId, programmeId) }),
      client.invalidateQueries({ queryKey: ["org", orgId, "programmes"] }),
    ]);
}

export const ROLE_LABELS = { mentee: "Mentee", mentor: "Mentor", both: "Mentor and mentee" } as const;

export const STATUS_LABELS = {
  pending_approval: "Waiting for approval",
  active: "Active",
  paused: "Paused",
  left: "Left",
  declined: "Declined",
} as const;

export const STATUS_TONES = {
  pending_approval: "badge--warning",
  active: "badge--success",
  paused: "badge--info",
  left: "badge--neutral",
  declined: "badge--neutral",
} as const;
