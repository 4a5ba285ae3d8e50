import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { EnrolmentRoleValue, Participant } from "../../../contracts/enrolment.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDate } from "../../components/format.ts";
import { ROLE_LABELS, STATUS_LABELS, STATUS_TONES, useEnrolmentChanged } from "./enrolment-queries.ts";

interface Problem {
  name: string;
  error: unknown;
}

/** Participants as a table (cards on narrow screens): role, status, capacity, and what an admin can do. */
export function ParticipantTable({
  orgId,
  programmeId,
  participants,
}: {
  orgId: string;
  programmeId: string;
  participants: Participant[];
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <>
      {problem ? (
        <div className="problem">
          <Alert tone="error" title={`Could not change ${problem.name}`}>
            <p>{describeError(problem.error)}</p>
          </Alert>
          <Button variant="ghost" size="small" onClick={() => setProblem(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <table className="data-table">
        <caption className="visually-hidden">Participants</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Capacity</th>
            <th scope="col">Since</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {participants.map((participant) => (
            <ParticipantRow
              key={participant.enrolmentId}
              orgId={orgId}
              programmeId={programmeId}
              participant={participant}
              onProblem={(error) => setProblem(error ? { name: participant.name, error } : null)}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function ParticipantRow({
  orgId,
  programmeId,
  participant,
  onProblem,
}: {
  orgId: string;
  programmeId: string;
  participant: Participant;
  onProblem: (error: unknown) => void;
}) {
  const changed = useEnrolmentChanged(orgId, programmeId);
  const params = { orgId, programmeId, enrolmentId: participant.enrolmentId };
  const handlers = { onMutate: () => onProblem(null), onSuccess: () => changed(), onError: onProblem };
  const update = useMutation({
    mutationFn: (body: { role?: EnrolmentRoleValue; mentorCapacity?: number }) =>
      api.call("updateParticipant", { params, body }),
    ...handlers,
  });
  const approve = useMutation({ mutationFn: () => api.call("approveParticipant", { params }), ...handlers });
  const decline = useMutation({
    mutationFn: (reason: string) =>
      api.call("declineParticipant", { params, body: reason ? { reason } : {} }),
    ...handlers,
  });
  const remove = useMutation({ mutationFn: () => api.call("removeParticipant", { params }), ...handlers });
  const [asking, setAsking] = useState<"decline" | "remove" | null>(null);
  const [reason, setReason] = useState("");
  const [capacity, setCapacity] = useState(String(participant.mentorCapacity));
  // Follow the server's value after a save or a refetch.
  useEffect(() => setCapacity(String(participant.mentorCapacity)), [participant.mentorCapacity]);
  const { name } = participant;
  const muted = participant.status === "left" || participant.status === "declined";
  const mentors = participant.role !== "mentee";

  const saveCapacity = () => {
    const value = Number(capacity);
    if (Number.isInteger(value) && value >= 1 && value <= 50 && value !== participant.mentorCapacity)
      update.mutate({ mentorCapacity: value });
    else setCapacity(String(participant.mentorCapacity));
  };

  return (
    <tr className={muted ? "data-table__row--muted" : undefined}>
      <td data-label="Name">
        <span className="member-name">{name}</span>
        <span className="member-email">{participant.email}</span>
      </td>
      <td data-label="Role">
        <label htmlFor={`role-${participant.enrolmentId}`} className="visually-hidden">
          Role of {name}
        </label>
        <select
          id={`role-${participant.enrolmentId}`}
          className="input select input--compact"
          value={participant.role}
          aria-busy={(update.isPending && update.variables?.role !== undefined) || undefined}
          onChange={(event) => update.mutate({ role: event.target.value as EnrolmentRoleValue })}
        >
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
      <td data-label="Status">
        <span className={`badge ${STATUS_TONES[participant.status]}`}>
          {STATUS_LABELS[participant.status]}
        </span>
        {participant.status === "paused" && participant.pausedUntil ? (
          <span className="muted"> until {participant.pausedUntil}</span>
        ) : null}
        {!participant.answersComplete && !muted ? (
          <span className="badge badge--neutral">Answers missing</span>
        ) : null}
      </td>
      <td data-label="Capacity">
        {mentors ? (
          <>
            <label htmlFor={`capacity-${participant.enrolmentId}`} className="visually-hidden">
              Mentor capacity of {name}
            </label>
            <input
              id={`capacity-${participant.enrolmentId}`}
              className="input input--compact participant-capacity"
              type="number"
              inputMode="numeric"
              min={1}
              max={50}
              value={capacity}
              aria-busy={(update.isPending && update.variables?.mentorCapacity !== undefined) || undefined}
              onChange={(event) => setCapacity(event.target.value)}
              onBlur={saveCapacity}
              onKeyDown={(event) => {
                if (event.key === "Enter") saveCapacity();
              }}
            />
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td data-label="Since">{formatDate(participant.registeredAt)}</td>
      <td className="data-table__actions">
        {asking === "decline" ? (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              decline.mutate(reason.trim());
            }}
          >
            <label htmlFor={`reason-${participant.enrolmentId}`} className="field__label">
              Why? (told to {name}, optional)
            </label>
            <textarea
              id={`reason-${participant.enrolmentId}`}
              className="input textarea"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <div className="participant-actions">
              <Button
                type="submit"
                variant="danger"
                size="small"
                busy={decline.isPending}
                busyLabel="Declining…"
              >
                Decline {name}
              </Button>
              <Button variant="ghost" size="small" onClick={() => setAsking(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : asking === "remove" ? (
          <div className="participant-actions">
            <span className="confirm-text">Remove {name}?</span>
            <Button
              variant="danger"
              size="small"
              busy={remove.isPending}
              busyLabel="Removing…"
              onClick={() => remove.mutate()}
            >
              Yes, remove
            </Button>
            <Button variant="ghost" size="small" onClick={() => setAsking(null)}>
              Keep
            </Button>
          </div>
        ) : (
          <div className="participant-actions">
            {participant.status === "pending_approval" ? (
              <>
                <Button
                  size="small"
                  busy={approve.isPending}
                  busyLabel="Approving…"
                  aria-label={`Approve ${name}`}
                  onClick={() => approve.mutate()}
                >
                  Approve
                </Button>
                <Button
                  variant="secondary"
                  size="small"
                  aria-label={`Decline ${name}`}
                  onClick={() => setAsking("decline")}
                >
                  Decline
                </Button>
              </>
            ) : null}
            <Button
              variant="ghost"
              size="small"
              aria-label={`Remove ${name}`}
              onClick={() => setAsking("remove")}
            >
              Remove
            </Button>
          </div>
        )}
      </td>
    </tr>
  );
}
