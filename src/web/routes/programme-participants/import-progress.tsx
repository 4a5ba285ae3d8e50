import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-router";
import type { CsvImport } from "../../../contracts/enrolment.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/page.tsx";
import { enrolmentKeys } from "./enrolment-queries.ts";

/** Problems of rows, each with its line: "Line 6, Time zone: …". */
export function ProblemList({
  problems,
  count,
  title,
}: {
  problems: CsvImport["errors"];
  count: number;
  title: string;
}) {
  return (
    <section className="section" aria-label={title}>
      <h3>{title}</h3>
      <ul className="problem-list">
        {problems.map((problem) => (
          <li key={`${problem.line}-${problem.field}-${problem.message}`}>
            <strong>Line {problem.line}</strong>, {problem.label}: {problem.message}
          </li>
        ))}
      </ul>
      {count > problems.length ? <p className="muted">And {count - problems.length} more.</p> : null}
    </section>
  );
}

/** A running import's progress bar (pushed as its row changes), then its summary with the rows' problems. */
export function ImportProgress({
  orgId,
  programmeId,
  importId,
  onAnother,
}: {
  orgId: string;
  programmeId: string;
  importId: string;
  onAnother: () => void;
}) {
  const client = useQueryClient();
  const progress = useQuery({
    queryKey: enrolmentKeys.import(orgId, programmeId, importId),
    queryFn: () => api.call("getParticipantImport", { params: { orgId, programmeId, importId } }),
  });
  // Each chunk's progress is pushed ("csv-import:<id>") and the import read again; no polling.
  useRealtime([progress.data?.status === "running" && `csv-import:${importId}`]);
  const current = progress.data;
  const finished = current && current.status !== "running";
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: enrolmentKeys.imports(orgId, programmeId) });
  }, [finished, client, orgId, programmeId]);

  if (!current) return progress.isError ? <Alert tone="error">{describeError(progress.error)}</Alert> : null;
  const percent =
    current.totalRows === 0 ? 100 : Math.round((current.processedRows / current.totalRows) * 100);
  return (
    <Card title={finished ? "Import finished" : "Importing…"}>
      <label htmlFor="import-progress" className="field__label">
        {current.processedRows} of {current.totalRows} rows
      </label>
      <progress
        id="import-progress"
        className="import-progress"
        max={current.totalRows || 1}
        value={current.processedRows}
      >
        {percent}%
      </progress>
      <p role="status" aria-live="polite">
        {current.status === "running"
          ? `${percent}% done. You can leave this page: the import goes on.`
          : current.status === "completed"
            ? `Done: ${current.createdCount} added, ${current.updatedCount} updated, ${current.errorCount} ${current.errorCount === 1 ? "problem" : "problems"}.`
            : "The import stopped before the end."}
      </p>
      {finished ? (
        <>
          <dl className="summary-figures">
            <div>
              <dt>Added</dt>
              <dd>{current.createdCount}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{current.updatedCount}</dd>
            </div>
            <div>
              <dt>Problems</dt>
              <dd>{current.errorCount}</dd>
            </div>
          </dl>
          {current.status === "failed" ? (
            <Alert tone="error" title="The import did not finish">
              <p>
                Rows before the problem were imported. Import the file again to finish: nobody is added twice.
              </p>
            </Alert>
          ) : null}
          {current.errorCount > 0 ? (
            <ProblemList problems={current.errors} count={current.errorCount} title="Rows with problems" />
          ) : null}
          <p>
            People new to Trellis were emailed a link to set their password; members were told they were
            added.
            {current.errorCount > 0
              ? " Fix the rows above in your file and import it again: people already imported are updated, not added twice."
              : " Importing the file again later updates people; it never adds them twice."}
          </p>
          <div className="form-actions">
            <Link to={to(paths.programmeParticipants, { programmeId })} className="button button--primary">
              See the participants
            </Link>
            <Button variant="secondary" onClick={onAnother}>
              Import another file
            </Button>
          </div>
        </>
      ) : null}
    </Card>
  );
}
