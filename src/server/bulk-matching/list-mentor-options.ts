import type { MentorOption } from "../../contracts/bulk-matching.ts";
import { hasRoom } from "../../core/relationships/relationship-status.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { explainPair } from "../../core/matching/index.ts";
import { mentorScoresFor } from "../../core/bulk-matching/mentor-options.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { draftScoring } from "./draft-scoring.ts";
import { findRunOr404 } from "./read-match-run.ts";
import type { RunRegistry } from "./run-registry.ts";

/**
 * Mentors with a free place in a draft (capacity minus draft pairs and live relationships), for
 * the "change mentor" picker. Given a mentee, each is scored for them with the matcher's kernel:
 * allowed mentors first, best score first; the mentee's own mentor is left out.
 */
export async function listMentorOptions(
  deps: ServerDeps,
  registry: RunRegistry,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  query: { q?: string; menteeId?: string; limit: number },
): Promise<{ mentors: MentorOption[]; total: number }> {
  const run = await findRunOr404(deps.repos, orgId, programmeId, runId);
  if (run.status !== "draft")
    throw new AppError("conflict", `Only a draft can be changed; this run is ${run.status}.`);
  const scoring = await draftScoring(deps, registry, run, query.menteeId ? [query.menteeId] : []);
  const ref = { orgId, runId };
  const [loads, live, current] = await Promise.all([
    deps.repos.matchRunPairs.draftLoads(ref),
    deps.repos.matchRuns.livePairs(orgId, programmeId),
    query.menteeId
      ? deps.repos.matchRunPairs.listPairs(ref, { menteeIds: [query.menteeId] })
      : Promise.resolve({ pairs: [] }),
  ]);
  let scores: Int32Array | null = null;
  if (query.menteeId) {
    scores = mentorScoresFor(scoring.prepared, query.menteeId);
    if (!scores) throw notFound("This mentee is not an active mentee of the programme.");
  }
  const liveLoads = new Map<string, number>();
  for (const [, mentorId] of live) liveLoads.set(mentorId, (liveLoads.get(mentorId) ?? 0) + 1);
  const ownMentor = current.pairs[0]?.mentorId;
  const needle = query.q?.toLocaleLowerCase();
  const options = scoring.prepared.mentorIds.flatMap((mentorId, j) => {
    const person = scoring.people.get(mentorId)!;
    const used = (loads.get(mentorId) ?? 0) + (liveLoads.get(mentorId) ?? 0);
    if (mentorId === ownMentor || !hasRoom(person.mentorCapacity, used)) return [];
    if (needle && !person.name.toLocaleLowerCase().includes(needle)) return [];
    const score = scores ? scores[j] : null;
    return [{ person, used, score }];
  });
  options.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.person.name.localeCompare(b.person.name));
  const page = options.slice(0, query.limit);
  return {
    total: options.length,
    mentors: page.map(({ person, used, score }) => {
      const excludedBy =
        score === -1 && query.menteeId
          ? [...explainPair(scoring.prepared, query.menteeId, person.userId).excludedBy]
          : [];
      return {
        userId: person.userId,
        name: person.name,
        jobTitle: person.jobTitle,
        department: person.department,
        capacity: person.mentorCapacity,
        used,
        allowed: score === null ? null : score >= 0,
        score: score === null || score < 0 ? null : score,
        excludedBy,
      };
    }),
  };
}
