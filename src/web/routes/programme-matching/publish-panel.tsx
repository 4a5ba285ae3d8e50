import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import type { MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { matchingKeys, type ProgrammeRef } from "./matching-api.ts";

/** Publish, behind a confirmation that says how many relationships and emails it creates. */
export function PublishPanel({ programme, run }: { programme: ProgrammeRef; run: MatchRun }) {
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const pairs = run.summary?.matched ?? 0;
  const publish = useMutation({
    mutationFn: () => api.call("publishMatchRun", { params: { ...programme, runId: run.id } }),
    onSuccess: (result) => {
      dialog.current?.close();
      client.setQueryData(matchingKeys.run(programme.orgId, programme.programmeId, run.id), result.run);
      void client.invalidateQueries({ queryKey: matchingKeys.all(programme.orgId, programme.programmeId) });
    },
  });
  return (
    <section className="card publish-panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading" className="card__title">
        Publish
      </h2>
      <p>
        Publishing starts a relationship for each of the {pairs} {pairs === 1 ? "pair" : "pairs"} and emails
        both sides. Check the pairs below first; you can lock, change or remove any of them.
      </p>
      {publish.isError ? (
        <Alert tone="error" title="Not published">
          <p>{describeError(publish.error)}</p>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button disabled={pairs === 0} onClick={() => dialog.current?.showModal()}>
          Publish…
        </Button>
      </div>
      <dialog ref={dialog} className="dialog" aria-labelledby="publish-confirm-title">
        <h2 id="publish-confirm-title" className="dialog__title">
          Publish {pairs} {pairs === 1 ? "pair" : "pairs"}?
        </h2>
        <p id="publish-confirm-text">
          This creates {pairs} {pairs === 1 ? "relationship" : "relationships"} and sends {pairs * 2} emails:
          one to the mentee and one to the mentor of every pair. It cannot be undone from this page.
        </p>
        {publish.isError ? <Alert tone="error">{describeError(publish.error)}</Alert> : null}
        <div className="form-actions">
          <Button busy={publish.isPending} busyLabel="Publishing…" onClick={() => publish.mutate()}>
            Publish and send {pairs * 2} emails
          </Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Keep editing
          </Button>
        </div>
      </dialog>
    </section>
  );
}
