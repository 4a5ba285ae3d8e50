import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { Relationship } from "../../../contracts/relationships.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/page.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { useRefreshRelationships } from "./relationship-queries.ts";
import { formatDay } from "./relationship-words.ts";
import { CharacterCount } from "../../components/character-count.tsx";

/** The longest note the server accepts (FitCheckRequestSchema). */
const NOTE_LIMIT = 1000;

const ANSWER_WORDS = { good: "It works", end: "It does not work" } as const;

/**
 * The fit check, a few weeks in: is this pairing working? "It does not work" ends the pair early
 * (after a confirmation) and the mentee can be matched again.
 */
export function FitCheckCard({ orgId, relationship }: { orgId: string; relationship: Relationship }) {
  const refresh = useRefreshRelationships(orgId);
  const noteId = useId();
  const [answer, setAnswer] = useState<"good" | "end" | null>(null);
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const send = useMutation({
    mutationFn: (chosen: "good" | "end") =>
      api.call("answerFitCheck", {
        params: { orgId, relationshipId: relationship.id },
        body: { answer: chosen, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: () => {
      setConfirming(false);
      refresh();
    },
  });
  const { fitCheck, viewer } = relationship;
  const myAnswer =
    viewer.role === "mentee"
      ? fitCheck.menteeAnswer
      : viewer.role === "mentor"
        ? fitCheck.mentorAnswer
        : null;

  if (!fitCheck.dueOn) return null;
  if (!viewer.fitCheckDue) {
    if (viewer.role === "admin") return null;
    const mine = viewer.role === "mentee";
    const other = {
      name: (mine ? relationship.mentor : relationship.mentee).name,
      answer: mine ? fitCheck.mentorAnswer : fitCheck.menteeAnswer,
      note: mine ? fitCheck.mentorNote : fitCheck.menteeNote,
    };
    const myNote = mine ? fitCheck.menteeNote : fitCheck.mentorNote;
    // An ended pair keeps its answered fit check in view: it is often why the pair ended.
    if (relationship.status !== "active" && !myAnswer && !other.answer) return null;
    return (
      <Card title="Fit check">
        {myAnswer || other.answer ? (
          <ul className="fit-check-answers">
            {myAnswer ? (
              <li>
                You answered: {ANSWER_WORDS[myAnswer]}.{myNote ? ` Your note: “${myNote}”` : ""}
              </li>
            ) : null}
            {other.answer ? (
              <li>
                {other.name} answered: {ANSWER_WORDS[other.answer]}.
                {other.note ? ` Their note: “${other.note}”` : ""}
              </li>
            ) : null}
          </ul>
        ) : (
          <p className="muted">
            On {formatDay(fitCheck.dueOn)} you will both be asked whether this pairing works.
          </p>
        )}
      </Card>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!answer) return;
    if (answer === "end") setConfirming(true);
    else send.mutate("good");
  };
  return (
    <Card title="Fit check: is this pairing working?">
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset className="fieldset">
          <legend className="field__label">Your answer</legend>
          <div className="choice-list">
            {(["good", "end"] as const).map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="answer"
                  value={value}
                  checked={answer === value}
                  onChange={() => setAnswer(value)}
                />
                {value === "good" ? "Yes, let's carry on" : "No, let's end it"}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={noteId} className="field__label">
            A note for your {viewer.role === "mentee" ? "mentor" : "mentee"} (optional)
          </label>
          <textarea
            id={noteId}
            className="input textarea"
            value={note}
            aria-describedby={`${noteId}-count`}
            aria-invalid={note.length > NOTE_LIMIT || undefined}
            onChange={(event) => setNote(event.target.value)}
          />
          <CharacterCount id={`${noteId}-count`} length={note.length} limit={NOTE_LIMIT} />
        </div>
        {send.isError && !confirming ? <Alert tone="error">{describeError(send.error)}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" busy={send.isPending && !confirming} busyLabel="Sending…" disabled={!answer}>
            Send my answer
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="End this mentoring at the fit check?"
        confirmLabel="End mentoring"
        busyLabel="Ending…"
        tone="danger"
        busy={send.isPending}
        error={send.error}
        onConfirm={() => send.mutate("end")}
        onClose={() => setConfirming(false)}
      >
        <p>
          The pairing ends now and the other side is told. The mentee stays in the programme and can be
          matched with someone else.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
