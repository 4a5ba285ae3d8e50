import { useEffect, useRef, useState } from "react";
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
  justFinished = false,
}: {
  programme: ProgrammeRef;
  run: MatchRun;
  onStarted: (run: MatchRun) => void;
  /** The page watched the run finish: say so, and keep keyboard focus on the result. */
  justFinished?: boolean;
}) {
  const editable = run.status === "draft";
  const [picking, setPicking] = useState<{ menteeId: string; name: string } | null>(null);
  const finishedNote = useRef<HTMLDivElement>(null);
  const pairsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (justFinished && (document.activeElement === document.body || document.activeElement === null))
      finishedNote.current?.focus();
  }, [justFinished]);
  return (
    <>
      {justFinished && run.status === "draft" ? (
        <div ref={finishedNote} tabIndex={-1} className="finished-note">
          <Alert tone="success" title="Matching finished">
            <p>The draft has {run.summary?.matched ?? 0} pairs. Check them below, then publish.</p>
          </Alert>
        </div>
      ) : null}
      {run.status === "published" && run.publishedAt ? (
        <Alert tone="success" title="Published">
          <p>
            This matching was published {formatLocalTime(run.publishedAt)}: every pair has a relationship, and
            both sides have a notification in Trellis and an email (for a large cohort the emails go out over
            the next minutes).
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
        <h2 id="pairs-heading" tabIndex={-1} ref={pairsHeading}>
          Pairs
        </h2>
        <PairsTable
          programme={programme}
          run={run}
          editable={editable}
          onRemoved={() => pairsHeading.current?.focus()}
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
        <MentorPicker
          programme={programme}
          run={run}
          mentee={picking}
          onClose={() => {
            setPicking(null);
            // The button that opened it may be gone (an unmatched mentee who now has a mentor).
            requestAnimationFrame(() => {
              if (document.activeElement === document.body) pairsHeading.current?.focus();
            });
          }}
        />
      ) : null}
    </>
  );
}
