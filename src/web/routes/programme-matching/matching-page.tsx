import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import type { MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { DraftView } from "./draft-view.tsx";
import {
  formatLocalTime,
  matchingKeys,
  type ProgrammeRef,
  useMatchRun,
  useMatchRuns,
} from "./matching-api.ts";
import { RunForm } from "./run-form.tsx";
import { RunProgress } from "./run-progress.tsx";
import "./matching.css";

/** Bulk matching of a programme: run the matcher, watch it, edit the draft, publish. */
export default function MatchingPage() {
  const me = useMe().data!;
  const { programmeId } = useParams();
  if (!isAdminOf(me) || !me.currentOrgId || !programmeId) return <AdminOnly title="Matching" />;
  return <Matching programme={{ orgId: me.currentOrgId, programmeId }} />;
}

function Matching({ programme }: { programme: ProgrammeRef }) {
  const runs = useMatchRuns(programme);
  const [startedId, setStartedId] = useState<string | null>(null);
  const latest = runs.data?.runs[0];
  const runId = startedId ?? latest?.id ?? null;
  return (
    <>
      <PageHeader
        title="Matching"
        description="Match the programme's mentees with its mentors in one run, check and adjust the draft, then publish it."
      />
      {runs.isPending ? <Loading label="Loading matching runs…" /> : null}
      {runs.isError ? <Alert tone="error">{describeError(runs.error)}</Alert> : null}
      {runs.data && !runId ? (
        <EmptyState title="No matching run yet">
          <p>
            The matcher pairs every mentee it can with a mentor, within each mentor's capacity and the
            programme's rules. Nothing is published until you say so.
          </p>
          <RunForm programme={programme} draft={null} onStarted={(run) => setStartedId(run.id)} />
        </EmptyState>
      ) : null}
      {runId ? (
        <RunView
          key={runId}
          programme={programme}
          runId={runId}
          initial={runs.data?.runs.find((run) => run.id === runId)}
          onStarted={(run) => setStartedId(run.id)}
        />
      ) : null}
    </>
  );
}

function RunView({
  programme,
  runId,
  initial,
  onStarted,
}: {
  programme: ProgrammeRef;
  runId: string;
  initial: MatchRun | undefined;
  onStarted: (run: MatchRun) => void;
}) {
  const client = useQueryClient();
  const query = useMatchRun(programme, runId);
  const run = query.data ?? initial;
  const status = run?.status;
  const watched = useRef(status);
  const [finished, setFinished] = useState(false);
  useEffect(() => {
    // The list shows the latest run's status too: refresh it when a run ends.
    if (status && status !== "running")
      void client.invalidateQueries({ queryKey: matchingKeys.runs(programme.orgId, programme.programmeId) });
    if (watched.current === "running" && status === "draft") setFinished(true);
    watched.current = status;
  }, [status, client, programme]);

  if (!run) return query.isError ? <Alert tone="error">{describeError(query.error)}</Alert> : <Loading />;
  if (run.status === "running") return <RunProgress programme={programme} run={run} />;
  if (run.status === "draft" || run.status === "published")
    return <DraftView programme={programme} run={run} onStarted={onStarted} justFinished={finished} />;
  return (
    <section aria-labelledby="last-run-heading" className="matching-section">
      <h2 id="last-run-heading">Last run</h2>
      <Alert
        tone={run.status === "failed" ? "error" : "info"}
        title={run.status === "failed" ? "The run failed" : "The run was stopped"}
      >
        <p>
          {run.error ??
            `Started ${formatLocalTime(run.createdAt)}${run.startedByName ? ` by ${run.startedByName}` : ""}.`}
        </p>
      </Alert>
      <RunForm programme={programme} draft={null} onStarted={onStarted} />
    </section>
  );
}
