import type { MatchPairList, UnmatchedPerson } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { ServerDeps } from "../deps.ts";
import { presentPair } from "./match-run.presenter.ts";
import { findRunOr404 } from "./read-match-run.ts";

/** One page of a run's pairs, sorted and filtered by either person's name. */
export async function listDraftPairs(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  query: {
    q?: string;
    sort: "score_desc" | "score_asc" | "mentee" | "mentor";
    limit: number;
    offset: number;
  },
): Promise<MatchPairList> {
  const run = await findRunOr404(deps.repos, orgId, programmeId, runId);
  const { pairs, total } = await deps.repos.matchRunPairs.listPairs({ orgId, runId }, query);
  return { pairs: pairs.map((pair) => presentPair(pair, run.config.matchConfig)), total };
}

/** One page of the mentees a run leaves unmatched, with reasons, by name. */
export async function listUnmatched(
  deps: ServerDeps,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
  query: { q?: string; limit: number; offset: number },
): Promise<{ people: UnmatchedPerson[]; total: number }> {
  const run = await findRunOr404(deps.repos, orgId, programmeId, runId);
  const reasons = run.summary?.reasons ?? {};
  const names = await deps.repos.matchRuns.names(orgId, Object.keys(reasons));
  const needle = query.q?.toLocaleLowerCase();
  const people = Object.entries(reasons)
    .map(([userId, reason]) => ({ userId, name: names.get(userId) ?? "Former member", reason }))
    .filter((person) => !needle || person.name.toLocaleLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  return { people: people.slice(query.offset, query.offset + query.limit), total: people.length };
}
