import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatLocalTime, matchingKeys, PHASE_LABELS, type ProgrammeRef } from "./matching-api.ts";

/** A running run: phase and percent as a progress bar (polled), and a way to stop it. */
export function RunProgress({ programme, run }: { programme: ProgrammeRef; run: MatchRun }) {
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.call("cancelMatchRun", { params: { ...programme, runId: run.id } }),
    onSettled: () =>
      client.invalidateQueries({ queryKey: matchingKeys.all(programme.orgId, programme.programmeId) }),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The button that started the run is gone: keep keyboard focus on the run.
    if (document.activeElement === document.body || document.activeElement === null) heading.current?.focus();
  }, []);
  const phase = run.progress?.phase ?? "queued";
  const percent = run.progress?.percent ?? 0;
  const label = PHASE_LABELS[phase];
  return (
    <section className="card run-progress" aria-labelledby="run-progress-heading">
      <h2 id="run-progress-heading" className="card__title" tabIndex={-1} ref={heading}>
        Matching in progress
      </h2>
      <p className="field__hint">
        Started {formatLocalTime(run.createdAt)}
        {run.startedByName ? ` by ${run.startedByName}` : ""}. You can leave this page; the run carries on.
      </p>
      <div className="run-progress__label">
        <span id="run-progress-phase">{label}</span>
        <span aria-hidden="true">{percent}%</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="run-progress-heading"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${label}: ${percent}%`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="visually-hidden" role="status">
        {label}
      </p>
      {cancel.isError && !isApiError(cancel.error, "conflict") ? (
        <Alert tone="error">{describeError(cancel.error)}</Alert>
      ) : null}
      <div className="form-actions">
        <Button
          variant="danger"
          busy={cancel.isPending}
          busyLabel="Cancelling…"
          onClick={() => cancel.mutate()}
        >
          Cancel run
        </Button>
      </div>
    </section>
  );
}
