import type { MentorCard } from "../../contracts/mentor-search.ts";
import { maySee, type ProfileSection, resolveVisibility } from "../../core/profiles/profile-rules.ts";
import { describeResponseTime } from "../../core/requests/response-time.ts";
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
  /** Section ("about", "work", "skills", ...) -> who may see it (see core/programmes/profile-rules). */
  visibility: Record<string, unknown>;
}

/**
 * The card a mentee sees of a mentor (recommendations and search alike): the profile sections
 * they may see (a section the mentor showed to admins only is blank), room left, typical response
 * time, and their own open request to this mentor.
 */
export function presentMentorCard(
  source: CardSource,
  extras: {
    /** Admins see every part; everyone else (people of the programme) not the parts for admins only. */
    viewerIsAdmin: boolean;
    capacity: number;
    remainingCapacity: number;
    medianResponseMs: number | undefined;
    myRequest: { id: RequestId; status: RequestStatus } | undefined;
  },
): MentorCard {
  const visibility = resolveVisibility(source.visibility);
  const viewer = { isOwner: false, isAdmin: extras.viewerIsAdmin, sharesProgramme: true };
  const show = <T>(value: T, blank: T, section: ProfileSection) =>
    maySee(visibility[section], viewer) ? value : blank;
  return {
    userId: source.userId,
    name: source.name,
    headline: show(source.headline, "", "about"),
    jobTitle: show(source.jobTitle, "", "about"),
    department: show(source.department, "", "work"),
    location: show(source.location, "", "work"),
    timeZone: show(source.timeZone, "", "work"),
    languages: show(source.languages ?? [], [], "work"),
    skillsOffered: show(source.skillsOffered ?? [], [], "skills"),
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
