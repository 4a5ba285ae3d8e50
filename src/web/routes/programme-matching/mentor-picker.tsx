import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { MatchRun, MentorOption } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Loading } from "../../components/page.tsx";
import { formatScore, matchingKeys, type ProgrammeRef, useApplyEdit } from "./matching-api.ts";

/**
 * A modal dialog to pair a mentee with another mentor: mentors with a free place, searchable by
 * name, scored for this mentee (the best first; those the rules exclude are shown, disabled, with
 * the reason). Choosing one saves the change at once; a refusal is shown in the dialog.
 */
export function MentorPicker({
  programme,
  run,
  mentee,
  onClose,
}: {
  programme: ProgrammeRef;
  run: MatchRun;
  mentee: { menteeId: string; name: string };
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draftQ, setDraftQ] = useState("");
  const [q, setQ] = useState("");
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const apply = useApplyEdit(programme);
  useEffect(() => {
    dialog.current?.showModal();
    return () => clearTimeout(typing.current);
  }, []);
  const filters = { q: q || undefined, menteeId: mentee.menteeId, limit: 20 };
  const mentors = useQuery({
    queryKey: matchingKeys.mentors(programme.orgId, programme.programmeId, run.id, filters),
    queryFn: () =>
      api.call("listMatchRunMentors", { params: { ...programme, runId: run.id }, query: filters }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const assign = useMutation({
    mutationFn: (mentorId: string) =>
      api.call("assignMatchMentor", {
        params: { ...programme, runId: run.id, menteeId: mentee.menteeId },
        body: { mentorId },
      }),
    onSuccess: (result) => {
      apply(result);
      onClose();
    },
  });
  const headingId = `picker-${mentee.menteeId}`;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={headingId} onClose={onClose}>
      <div className="dialog__header">
        <h2 id={headingId} className="dialog__title">
          Choose a mentor for {mentee.name}
        </h2>
        <Button variant="ghost" size="small" onClick={() => dialog.current?.close()}>
          Close
        </Button>
      </div>
      <p className="field__hint">
        Mentors with a free place, best score for {mentee.name} first. The matcher's rules and each mentor's
        capacity are checked when you choose.
      </p>
      <Field
        label="Search mentors"
        name="mentor-search"
        type="search"
        placeholder="Mentor name"
        value={draftQ}
        onChange={(event) => {
          const value = event.target.value;
          setDraftQ(value);
          clearTimeout(typing.current);
          typing.current = setTimeout(() => setQ(value.trim()), 250);
        }}
      />
      <p className="result-count" aria-live="polite">
        {mentors.data
          ? `${mentors.data.total} ${mentors.data.total === 1 ? "mentor has" : "mentors have"} a free place${q ? " and match" : ""}`
          : ""}
      </p>
      {assign.isError ? (
        <Alert tone="error" title="That mentor cannot be chosen">
          <p>{describeError(assign.error)}</p>
        </Alert>
      ) : null}
      {mentors.isPending ? <Loading label="Finding mentors…" /> : null}
      {mentors.isError ? <Alert tone="error">{describeError(mentors.error)}</Alert> : null}
      {mentors.data && mentors.data.mentors.length === 0 ? (
        <p className="empty-note">No mentor with a free place{q ? " matches that name" : ""}.</p>
      ) : null}
      {mentors.data && mentors.data.mentors.length > 0 ? (
        <ul className="mentor-options">
          {mentors.data.mentors.map((option) => (
            <MentorChoice
              key={option.userId}
              option={option}
              busy={assign.isPending && assign.variables === option.userId}
              onChoose={() => assign.mutate(option.userId)}
            />
          ))}
        </ul>
      ) : null}
    </dialog>
  );
}

function MentorChoice({
  option,
  busy,
  onChoose,
}: {
  option: MentorOption;
  busy: boolean;
  onChoose: () => void;
}) {
  const role = [option.jobTitle, option.department].filter(Boolean).join(" · ");
  const places = `${option.used} of ${option.capacity} ${option.capacity === 1 ? "place" : "places"} taken`;
  return (
    <li className="mentor-option">
      <div className="mentor-option__main">
        <span className="mentor-option__name">{option.name}</span>
        <span className="mentor-option__meta">
          {role ? `${role} · ` : ""}
          {places}
        </span>
        {option.allowed === false ? (
          <span className="mentor-option__meta">Not allowed: {option.excludedBy.join(", ")}</span>
        ) : null}
      </div>
      <span className="mentor-option__score">
        {option.score === null ? "–" : formatScore(option.score)}
        <span className="visually-hidden"> out of 100</span>
      </span>
      <Button
        size="small"
        variant="secondary"
        disabled={option.allowed === false}
        busy={busy}
        busyLabel="Saving…"
        aria-label={`Choose ${option.name}`}
        onClick={onChoose}
      >
        Choose
      </Button>
    </li>
  );
}
