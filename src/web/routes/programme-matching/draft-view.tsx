import { useState } from "react";
import type { MatchRun } from "../../../contracts/bulk-matching.ts";
import { Alert } from "../../components/alert.tsx";
import { formatLocalTime, type ProgrammeRef } from "./matching-api.ts";
import { MentorPicker } from "./mentor-picker.tsx";
import { PairsTable } from "./pairs-table.tsx";
import { PublishPanel } from "./publish-panel.tsx";
import { RunForm } from "./run-form.tsx";
import { RunSummary } from "./run-summary.tsx";
import { UnmatchedList } from "./unmatched-list.tsx";

/** A finished run: its summary and, for a draft, everything to adjust and publish it. */
export function DraftView({
  programme,
  run,
  onStarted,
}: {
  programme: ProgrammeRef;
  run: MatchRun;
  onStarted: (run: MatchRun) => void;
}) {
  const editable = run.status === "draft";
  const [picking, setPicking] = useState<{ menteeId: string; name: string } | null>(null);
  return (
    <>
      {run.status === "published" && run.publishedAt ? (
        <Alert tone="success" title="Published">
          <p>
            This matching was published {formatLocalTime(run.publishedAt)}: every pair has a relationship and
            both sides were emailed.
          </p>
        </Alert>
      ) : (
        <p className="field__hint">
          Draft from the run started {formatLocalTime(run.createdAt)}
          {run.startedByName ? ` by ${run.startedByName}` : ""}. Nobody is told anything until you publish.
        </p>
      )}
      <RunSummary run={run} />
      {editable ? <PublishPanel programme={programme} run={run} /> : null}
      <section className="matching-section" aria-labelledby="pairs-heading">
        <h2 id="pairs-heading">Pairs</h2>
        <PairsTable
          programme={programme}
          run={run}
          editable={editable}
          onChangeMentor={(menteeId, name) => setPicking({ menteeId, name })}
        />
      </section>
      <section className="matching-section" aria-labelledby="unmatched-heading">
        <h2 id="unmatched-heading">Unmatched mentees</h2>
        <UnmatchedList
          programme={programme}
          run={run}
          editable={editable}
          onFindMentor={(menteeId, name) => setPicking({ menteeId, name })}
        />
      </section>
      <section className="matching-section" aria-labelledby="rerun-heading">
        <h2 id="rerun-heading">{editable ? "Run again" : "Match newcomers"}</h2>
        <RunForm programme={programme} draft={run} onStarted={onStarted} />
      </section>
      {picking && editable ? (
        <MentorPicker programme={programme} run={run} mentee={picking} onClose={() => setPicking(null)} />
      ) : null}
    </>
  );
}
