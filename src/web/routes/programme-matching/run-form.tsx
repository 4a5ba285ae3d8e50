import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { MatchObjective, MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { matchingKeys, type ProgrammeRef } from "./matching-api.ts";

const OBJECTIVES: { value: MatchObjective; label: string; hint: string }[] = [
  {
    value: "participation",
    label: "Match as many people as possible",
    hint: "Then the best total score among those matchings.",
  },
  { value: "score", label: "Best total score", hint: "May leave a few more people unmatched." },
];

/**
 * Starts a run with the chosen objective. With a draft on the page it offers a re-run that keeps
 * the draft's locked pairs, and one from scratch; either replaces the draft.
 */
export function RunForm({
  programme,
  draft,
  onStarted,
}: {
  programme: ProgrammeRef;
  draft: MatchRun | null;
  onStarted: (run: MatchRun) => void;
}) {
  const client = useQueryClient();
  const id = useId();
  const [objective, setObjective] = useState<MatchObjective>(draft?.objective ?? "participation");
  const start = useMutation({
    mutationFn: (locks: "keep" | "discard") =>
      api.call("startMatchRun", { params: programme, body: { objective, locks } }),
    onSuccess: (run) => {
      client.setQueryData(matchingKeys.run(programme.orgId, programme.programmeId, run.id), run);
      void client.invalidateQueries({ queryKey: matchingKeys.runs(programme.orgId, programme.programmeId) });
      onStarted(run);
    },
  });
  const locked = draft?.status === "draft" ? (draft.summary?.locked ?? 0) : 0;
  return (
    <form
      className="run-form"
      onSubmit={(event) => {
        event.preventDefault();
        start.mutate("discard");
      }}
    >
      <fieldset className="run-form__objectives">
        <legend>Objective</legend>
        {OBJECTIVES.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={`objective-${id}`}
              value={option.value}
              checked={objective === option.value}
              onChange={() => setObjective(option.value)}
              aria-describedby={`${id}-${option.value}-hint`}
            />
            <span>
              <span className="choice__label">{option.label}</span>
              <span id={`${id}-${option.value}-hint`} className="choice__hint">
                {option.hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {start.isError ? <Alert tone="error">{describeError(start.error)}</Alert> : null}
      <div className="form-actions">
        {draft ? (
          <>
            {locked > 0 ? (
              <Button
                busy={start.isPending && start.variables === "keep"}
                busyLabel="Starting…"
                onClick={() => start.mutate("keep")}
              >
                Re-run keeping {locked} locked {locked === 1 ? "pair" : "pairs"}
              </Button>
            ) : null}
            <Button
              type="submit"
              variant={locked > 0 ? "secondary" : "primary"}
              busy={start.isPending && start.variables === "discard"}
              busyLabel="Starting…"
            >
              {draft.status === "draft" ? "Re-run from scratch" : "Run matching again"}
            </Button>
          </>
        ) : (
          <Button type="submit" busy={start.isPending} busyLabel="Starting…">
            Run matching
          </Button>
        )}
      </div>
      {draft?.status === "draft" ? (
        <p className="field__hint">
          A new run replaces this draft and your changes to it (locked pairs can be kept).
        </p>
      ) : null}
    </form>
  );
}
