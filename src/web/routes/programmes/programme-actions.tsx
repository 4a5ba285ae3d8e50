import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { Programme } from "../../../contracts/programmes.ts";
import { TRANSITION_LABELS } from "../../../core/programmes/programme-status.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { STATUS_LABELS } from "./programme-labels.ts";
import { useProgrammeSaved } from "./programme-queries.ts";

type Confirming = "archive" | "duplicate" | null;

/** An admin's buttons in the programme frame: the next states, duplicate and archive (both confirmed). */
export function ProgrammeActions({ orgId, programme }: { orgId: string; programme: Programme }) {
  const navigate = useNavigate();
  const saved = useProgrammeSaved(orgId);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const archiveRef = useRef<HTMLButtonElement>(null);
  const duplicateRef = useRef<HTMLButtonElement>(null);
  const lastAsked = useRef<Confirming>(null);
  // Focus moves to the question's confirm button, and back to the button that asked when it is dismissed.
  useEffect(() => {
    if (confirming) {
      lastAsked.current = confirming;
      confirmRef.current?.focus();
    } else if (lastAsked.current) {
      (lastAsked.current === "archive" ? archiveRef : duplicateRef).current?.focus();
      lastAsked.current = null;
    }
  }, [confirming]);

  const params = { orgId, programmeId: programme.id };
  const move = useMutation({
    mutationFn: (next: Programme["status"]) =>
      api.call("transitionProgramme", { params, body: { to: next } }),
    onMutate: () => setDone(null),
    onSuccess: (updated) => {
      saved(updated);
      setDone(`The programme is now ${STATUS_LABELS[updated.status].toLowerCase()}.`);
    },
  });
  const archive = useMutation({
    mutationFn: () => api.call("archiveProgramme", { params }),
    onSuccess: (updated) => {
      saved(updated);
      setConfirming(null);
      setDone("The programme is archived. It is read-only now; duplicate it to run it again.");
    },
  });
  const duplicate = useMutation({
    mutationFn: () => api.call("duplicateProgramme", { params }),
    onSuccess: (copy) => {
      saved(copy);
      setConfirming(null);
      navigate(to(paths.programmeSettings, { programmeId: copy.id }), {
        state: {
          flash: `“${copy.name}” is a new draft with the same settings, form and criteria (no people).`,
        },
      });
    },
  });
  const error = move.error ?? archive.error ?? duplicate.error;
  const moves = programme.nextStatuses.filter((status) => status !== "archived");
  const canArchive = programme.nextStatuses.includes("archived");

  return (
    <div className="programme-actions">
      {confirming ? (
        <div className="programme-actions__confirm">
          <p id="programme-confirm-text" className="confirm-text">
            {confirming === "archive"
              ? `Archive “${programme.name}”? It becomes read-only and leaves the list.`
              : `Duplicate “${programme.name}”? Its settings, registration form and criteria are copied into a new draft; people are not.`}
          </p>
          <Button
            ref={confirmRef}
            aria-describedby="programme-confirm-text"
            variant={confirming === "archive" ? "danger" : "primary"}
            size="small"
            busy={archive.isPending || duplicate.isPending}
            busyLabel={confirming === "archive" ? "Archiving…" : "Duplicating…"}
            onClick={() => (confirming === "archive" ? archive.mutate() : duplicate.mutate())}
          >
            {confirming === "archive" ? "Yes, archive" : "Yes, duplicate"}
          </Button>
          <Button variant="ghost" size="small" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="programme-actions__buttons">
          {moves.map((next, index) => (
            <Button
              key={next}
              variant={index === 0 ? "primary" : "secondary"}
              size="small"
              busy={move.isPending && move.variables === next}
              busyLabel="Saving…"
              onClick={() => move.mutate(next)}
            >
              {TRANSITION_LABELS[next]}
            </Button>
          ))}
          <Button
            ref={duplicateRef}
            variant="secondary"
            size="small"
            onClick={() => setConfirming("duplicate")}
          >
            Duplicate
          </Button>
          {canArchive ? (
            <Button ref={archiveRef} variant="danger" size="small" onClick={() => setConfirming("archive")}>
              Archive
            </Button>
          ) : null}
        </div>
      )}
      <div aria-live="polite" className="live-region">
        {done ? <p className="saved">{done}</p> : null}
      </div>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
    </div>
  );
}
