import type { DraftEditResult } from "../../contracts/bulk-matching.ts";
import type { OrgId } from "../../core/accounts/types.ts";
import { explainPair, type PairExplanation, prepareProgramme } from "../../core/matching/index.ts";
import { toMatcherProgramme } from "../../core/programmes/matcher-input.ts";
import type { ProgrammeId } from "../../core/programmes/types.ts";
import type { Repositories } from "../../db/index.ts";
import type { MatchRunRecord } from "../../db/repositories/match-runs.repository.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { presentPair } from "./match-run.presenter.ts";
import { presentRunNow } from "./read-match-run.ts";
import type { DraftScoring, RunRegistry } from "./run-registry.ts";

/**
 * The programme's active people prepared with the run's criteria and reference week, so an edit
 * scores and explains a pair exactly as the matcher would (hard rules, reporting line, earlier
 * pairs and blocks included). Cached per run for a minute; `needs` ids missing from a cached
 * copy (someone joined since) load it afresh.
 */
export async function draftScoring(
  deps: ServerDeps,
  registry: RunRegistry,
  run: MatchRunRecord,
  needs: readonly string[] = [],
): Promise<DraftScoring> {
  const load = async (): Promise<DraftScoring> => {
    const [people, pairs] = await Promise.all([
      deps.repos.participants.listActive(run.orgId, run.programmeId),
      deps.repos.participants.pairs(run.orgId, run.programmeId),
    ]);
    const programme = toMatcherProgramme(people, { existing: [], earlier: pairs.earlier });
    const prepared = prepareProgramme(programme, run.config.matchConfig, {
      referenceWeek: run.config.referenceWeek,
    });
    return { prepared, people: new Map(people.map((person) => [person.userId, person])) };
  };
  const cached = await registry.scoring(run.id, load);
  if (needs.every((id) => cached.people.has(id))) return cached;
  return registry.scoring(run.id, load, true);
}

/** The matcher's explanation of a pair, or a 422 when one of them is not on that side of the programme. */
export function explain(
  scoring: DraftScoring,
  menteeId: string,
  mentorId: string,
  names: { mentee: string; mentor: string },
): PairExplanation {
  if (!scoring.prepared.menteeIds.includes(menteeId))
    throw new AppError("domain_rule", `${names.mentee} is not an active mentee of this programme.`);
  if (!scoring.prepared.mentorIds.includes(mentorId))
    throw new AppError("domain_rule", `${names.mentor} is not an active mentor of this programme.`);
  return explainPair(scoring.prepared, menteeId, mentorId);
}

/** Locks the run for an edit; only a draft can be edited. */
export async function lockDraft(
  repos: Repositories,
  orgId: OrgId,
  programmeId: ProgrammeId,
  runId: string,
): Promise<MatchRunRecord> {
  const run = await repos.matchRuns.findForUpdate(orgId, programmeId, runId);
  if (!run) throw notFound("Matching run not found.");
  if (run.status !== "draft")
    throw new AppError("conflict", `Only a draft can be changed; this run is ${run.status}.`);
  return run;
}

/** What every edit answers: the run with its new counts, and the pairs it created or changed. */
export async function editResult(
  repos: Repositories,
  run: MatchRunRecord,
  menteeIds: readonly string[],
): Promise<DraftEditResult> {
  const fresh = (await repos.matchRuns.find(run.orgId, run.programmeId, run.id))!;
  const { pairs } =
    menteeIds.length > 0
      ? await repos.matchRunPairs.listPairs({ orgId: run.orgId, runId: run.id }, { menteeIds })
      : { pairs: [] };
  return {
    run: await presentRunNow(repos, fresh),
    pairs: pairs.map((pair) => presentPair(pair, run.config.matchConfig)),
  };
}
