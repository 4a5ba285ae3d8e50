import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import type { Enrolment, ProgrammeForRegistration } from "../../../contracts/enrolment.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import {
  enrolmentKeys,
  ROLE_LABELS,
  STATUS_LABELS,
  STATUS_TONES,
  useEnrolmentChanged,
} from "./enrolment-queries.ts";
import { HolidayMode } from "./holiday-mode.tsx";
import {
  bodyFromDraft,
  type DraftErrors,
  draftFrom,
  errorsFromServer,
  RegistrationFields,
  useFocusFirstProblem,
} from "./registration-fields.tsx";
import "./enrolment.css";

/** A member's registration: choose a role, answer the questions; once in, change answers, pause or leave. */
export default function RegisterPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const { programmeId = "" } = useParams();
  const mine = useQuery({
    queryKey: enrolmentKeys.mine(orgId, programmeId),
    queryFn: () => api.call("getMyEnrolment", { params: { orgId, programmeId } }),
  });
  if (mine.isPending) return <Loading label="Loading your registration…" />;
  if (mine.isError)
    return (
      <>
        <PageHeader title="Register" />
        <Alert tone="error">{describeError(mine.error)}</Alert>
      </>
    );
  const { programme, enrolment } = mine.data;
  const registered = enrolment && enrolment.status !== "left" && enrolment.status !== "declined";
  return (
    <>
      <PageHeader
        title={registered ? "Your registration" : `Register for ${programme.name}`}
        description={programme.description || undefined}
      />
      {registered ? (
        <Registered orgId={orgId} programme={programme} enrolment={enrolment} />
      ) : enrolment?.status === "declined" ? (
        <EmptyState title="Your registration was declined">
          <p>Ask the programme's admins if you would like to know more.</p>
        </EmptyState>
      ) : programme.registrationOpen ? (
        <RegistrationForm orgId={orgId} programme={programme} rejoining={enrolment?.status === "left"} />
      ) : (
        <EmptyState title="Registration is closed">
          <p>
            {programme.name} is not taking registrations now
            {enrolment?.status === "left" ? "; you left it earlier" : ""}. Ask its admins when it opens.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function RegistrationForm({
  orgId,
  programme,
  rejoining,
}: {
  orgId: string;
  programme: ProgrammeForRegistration;
  rejoining: boolean;
}) {
  const changed = useEnrolmentChanged(orgId, programme.id);
  const [draft, setDraft] = useState(() => draftFrom(programme, null));
  const [clientErrors, setClientErrors] = useState<DraftErrors>({});
  const [attempt, setAttempt] = useState(0);
  const register = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof bodyFromDraft>["body"]>) =>
      api.call("registerForProgramme", { params: { orgId, programmeId: programme.id }, body }),
    onSuccess: () => changed(),
    onError: () => setAttempt((value) => value + 1),
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : errorsFromServer(register.error);
  useFocusFirstProblem(errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { errors: problems, body } = bodyFromDraft(programme, draft);
    setClientErrors(problems);
    setAttempt((value) => value + 1);
    if (Object.keys(problems).length === 0 && body) register.mutate(body);
  }

  return (
    <Card>
      <form className="registration-form stack" noValidate onSubmit={submit}>
        {rejoining ? <p>You left this programme earlier. Register again to take part.</p> : null}
        {programme.requiresApproval ? (
          <p className="muted">An admin approves each registration; you will hear from them.</p>
        ) : null}
        <RegistrationFields programme={programme} draft={draft} errors={errors} onChange={setDraft} />
        {register.isError && !isApiError(register.error, "validation_failed") ? (
          <Alert tone="error">{describeError(register.error)}</Alert>
        ) : Object.keys(errors).length > 0 ? (
          <Alert tone="error">Please correct the highlighted fields.</Alert>
        ) : null}
        <div className="form-actions">
          <Button type="submit" busy={register.isPending} busyLabel="Registering…">
            Register
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Registered({
  orgId,
  programme,
  enrolment,
}: {
  orgId: string;
  programme: ProgrammeForRegistration;
  enrolment: Enrolment;
}) {
  const changed = useEnrolmentChanged(orgId, programme.id);
  const [draft, setDraft] = useState(() => draftFrom(programme, enrolment));
  const [clientErrors, setClientErrors] = useState<DraftErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const params = { orgId, programmeId: programme.id };
  const save = useMutation({
    mutationFn: (body: {
      answers: NonNullable<ReturnType<typeof bodyFromDraft>["body"]>["answers"];
      mentorCapacity?: number;
    }) => api.call("updateMyEnrolment", { params, body }),
    onSuccess: () => changed(),
    onError: () => setAttempt((value) => value + 1),
  });
  const leave = useMutation({
    mutationFn: () => api.call("leaveProgramme", { params }),
    onSuccess: () => changed(),
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : errorsFromServer(save.error);
  useFocusFirstProblem(errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { errors: problems, body } = bodyFromDraft(programme, draft);
    setClientErrors(problems);
    setAttempt((value) => value + 1);
    if (Object.keys(problems).length === 0 && body)
      save.mutate({
        answers: body.answers,
        ...(body.mentorCapacity ? { mentorCapacity: body.mentorCapacity } : {}),
      });
  }

  return (
    <>
      <Card title="Your place">
        <p className="registration-status">
          <span className={`badge ${STATUS_TONES[enrolment.status]}`}>{STATUS_LABELS[enrolment.status]}</span>{" "}
          {ROLE_LABELS[enrolment.role]}
          {enrolment.role !== "mentee"
            ? `, up to ${enrolment.mentorCapacity} mentee${enrolment.mentorCapacity === 1 ? "" : "s"} at once`
            : ""}
          {enrolment.status === "paused" && enrolment.pausedUntil
            ? `, paused until ${enrolment.pausedUntil}`
            : ""}
        </p>
        {enrolment.status === "pending_approval" ? (
          <p>An admin of the programme will look at your registration. You will hear from them.</p>
        ) : null}
        {!enrolment.answersComplete ? (
          <Alert tone="warning" title="Some questions are not answered yet">
            <p>Answer them below so you can be matched.</p>
          </Alert>
        ) : null}
      </Card>
      <Card title="Your answers">
        <form className="registration-form stack" noValidate onSubmit={submit}>
          <RegistrationFields
            programme={programme}
            draft={draft}
            errors={errors}
            onChange={setDraft}
            roleLocked
          />
          {save.isError && !isApiError(save.error, "validation_failed") ? (
            <Alert tone="error">{describeError(save.error)}</Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" busy={save.isPending} busyLabel="Saving…">
              Save answers
            </Button>
            <span role="status" className="saved">
              {save.isSuccess && !save.isPending ? "Saved." : ""}
            </span>
          </div>
        </form>
      </Card>
      <HolidayMode orgId={orgId} programmeId={programme.id} enrolment={enrolment} />
      <Card title="Leave the programme">
        <p>You stop being matched, and can register again while registration is open.</p>
        {leave.isError ? <Alert tone="error">{describeError(leave.error)}</Alert> : null}
        {confirmLeave ? (
          <div className="form-actions">
            <p className="confirm-text">Leave {programme.name}?</p>
            <Button
              variant="danger"
              busy={leave.isPending}
              busyLabel="Leaving…"
              onClick={() => leave.mutate()}
            >
              Yes, leave
            </Button>
            <Button variant="secondary" onClick={() => setConfirmLeave(false)}>
              Stay
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirmLeave(true)}>
            Leave the programme
          </Button>
        )}
      </Card>
    </>
  );
}
