import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DraftEditResult, MatchRun, MatchRunPhase } from "../../../contracts/bulk-matching.ts";
import { api } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { formatDateTime, zoneName } from "../../components/format.ts";

/** Query keys of the matching page, under the organisation's key so switching organisation clears them. */
export const matchingKeys = {
  all: (orgId: string, programmeId: string) =>
    ["org", orgId, "programme", programmeId, "match-runs"] as const,
  runs: (orgId: string, programmeId: string) => [...matchingKeys.all(orgId, programmeId), "list"] as const,
  run: (orgId: string, programmeId: string, runId: string) =>
    [...matchingKeys.all(orgId, programmeId), runId] as const,
  pairs: (orgId: string, programmeId: string, runId: string, filters: object) =>
    [...matchingKeys.run(orgId, programmeId, runId), "pairs", filters] as const,
  unmatched: (orgId: string, programmeId: string, runId: string, filters: object) =>
    [...matchingKeys.run(orgId, programmeId, runId), "unmatched", filters] as const,
  mentors: (orgId: string, programmeId: string, runId: string, filters: object) =>
    [...matchingKeys.run(orgId, programmeId, runId), "mentors", filters] as const,
};

export interface ProgrammeRef {
  orgId: string;
  programmeId: string;
}

/**
 * One run. While it runs, each progress write is pushed (topic "match-run:<id>") and the run is
 * read again; no polling.
 */
export function useMatchRun(ref: ProgrammeRef, runId: string) {
  const run = useQuery({
    queryKey: matchingKeys.run(ref.orgId, ref.programmeId, runId),
    queryFn: () => api.call("getMatchRun", { params: { ...ref, runId } }),
    staleTime: 0,
  });
  useRealtime([run.data?.status === "running" && `match-run:${runId}`]);
  return run;
}

export function useMatchRuns(ref: ProgrammeRef) {
  return useQuery({
    queryKey: matchingKeys.runs(ref.orgId, ref.programmeId),
    queryFn: () => api.call("listMatchRuns", { params: ref }),
    staleTime: 0,
  });
}

/** After an edit: the run's new counts at once, and every list of the draft fetched again. */
export function useApplyEdit(ref: ProgrammeRef) {
  const client = useQueryClient();
  return (result: DraftEditResult | { run: MatchRun }) => {
    client.setQueryData(matchingKeys.run(ref.orgId, ref.programmeId, result.run.id), result.run);
    void client.invalidateQueries({ queryKey: matchingKeys.run(ref.orgId, ref.programmeId, result.run.id) });
    void client.invalidateQueries({ queryKey: matchingKeys.runs(ref.orgId, ref.programmeId) });
  };
}

export const PHASE_LABELS: Record<MatchRunPhase, string> = {
  queued: "Starting",
  loading: "Reading participants",
  preparing: "Preparing profiles",
  scoring: "Scoring every pair",
  solving: "Finding the best matching",
  pricing: "Proving it is optimal",
  explaining: "Explaining each pair",
  saving: "Saving the draft",
};

/** A score 0..10,000 as people read it: 0..100. */
export function formatScore(score: number): string {
  return String(Math.round(score / 100));
}

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** A time in the viewer's own zone, saying which: "22 Nov 2026, 13:04 (Europe/London)". */
export function formatLocalTime(iso: string): string {
  return `${formatDateTime(iso, viewerZone)} (${zoneName(viewerZone)})`;
}
