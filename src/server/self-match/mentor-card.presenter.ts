import type { MentorCard } from "../../contracts/self-match.ts";
import { describeResponseTime } from "../../core/programmes/response-time.ts";
import type { RequestId, RequestStatus } from "../../core/programmes/types.ts";

/** A mentor's profile fields as read for a card, with who may see each part. */
export interface CardSource {
  userId: string;
  name: string;
  headline: string;
  jobTitle: string;
  department: string;
  location: string;
  timeZone: string;
  languages: string[];
  skillsOffered: { skill: string; level: number }[];
  /** Part -> "organisation" | "programme" | "admins" (absent: the default, visible). */
  visibility: Record<string, string>;
}

/**
 * Parts a mentor limited to admins are blank on a mentee's card. The profile keeps one visibility
 * entry per part; a card shows only parts seen by the programme or the organisation.
 */
const adminsOnly = (source: CardSource, ...parts: string[]) =>
  parts.some((part) => source.visibility?.[part] === "admins");

/**
 * The card a mentee sees of a mentor (recommendations and search alike): profile parts they may
 * see, room left, typical response time, and their own open request to this mentor.
 */
export function presentMentorCard(
  source: CardSource,
  extras: {
    capacity: number;
    remainingCapacity: number;
    medianResponseMs: number | undefined;
    myRequest: { id: RequestId; status: RequestStatus } | undefined;
  },
): MentorCard {
  const show = <T>(value: T, blank: T, ...parts: string[]) => (adminsOnly(source, ...parts) ? blank : value);
  return {
    userId: source.userId,
    name: source.name,
    headline: show(source.headline, "", "headline"),
    jobTitle: show(source.jobTitle, "", "jobTitle", "job"),
    department: show(source.department, "", "department", "job"),
    location: show(source.location, "", "location"),
    timeZone: show(source.timeZone, "", "timeZone", "location"),
    languages: show(source.languages ?? [], [], "languages"),
    skillsOffered: show(source.skillsOffered ?? [], [], "skills", "skillsOffered"),
    capacity: extras.capacity,
    remainingCapacity: Math.max(0, extras.remainingCapacity),
    responseTime:
      extras.medianResponseMs === undefined
        ? null
        : {
            medianHours: Math.round((extras.medianResponseMs / 3_600_000) * 10) / 10,
            label: describeResponseTime(extras.medianResponseMs),
          },
    myRequest: extras.myRequest ? { id: extras.myRequest.id, status: extras.myRequest.status } : null,
  };
}
