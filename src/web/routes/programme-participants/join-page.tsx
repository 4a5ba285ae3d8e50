import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { JoinPreview } from "../../../contracts/enrolment.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, useMe, useStartSession } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { enrolmentKeys } from "./enrolment-queries.ts";
import {
  bodyFromDraft,
  type DraftErrors,
  draftFrom,
  errorsFromServer,
  RegistrationFields,
  useFocusFirstProblem,
} from "./registration-fields.tsx";
import "./enrolment.css";

/** A programme's join link, opened by a signed-in member: see the programme and register. */
export default function JoinPage() {
  const { token = "" } = useParams();
  const preview = useQuery({
    queryKey: enrolmentKeys.joinPreview(token),
    queryFn: () => api.call("previewJoinLink", { params: { token } }),
    retry: false,
  });
  if (preview.isPending) return <Loading label="Opening the link…" />;
  if (preview.isError) {
    const gone = isApiError(preview.error, "token_invalid") || isApiError(preview.error, "validation_failed");
    const elsewhere = isApiError(preview.error, "not_found");
    return (
      <>
        <PageHeader title="Join a programme" />
        <EmptyState
          title={
            gone
              ? "This link no longer works"
              : elsewhere
                ? "This link is not for you"
                : "Something went wrong"
          }
          actions={
            <Link to={paths.programmes} className="button button--secondary">
              See programmes
            </Link>
          }
        >
          <p>
            {gone
              ? "It was turned off or replaced by a newer one. Ask the programme's admins for the current link."
              : elsewhere
                ? "It is for a programme of an organisation you are not a member of. Ask its admins to invite you."
                : describeError(preview.error)}
          </p>
        </EmptyState>
      </>
    );
  }
  return <Join token={token} preview={preview.data} />;
}

function Join({ token, preview }: { token: string; preview: JoinPreview }) {
  const me = useMe().data!;
  const navigate = useNavigate();
  const startSession = useStartSession();
  const { programme, enrolment } = preview;
  const [draft, setDraft] = useState(() => draftFrom(programme, null));
  const [clientErrors, setClientErrors] = useState<DraftErrors>({});
  const [attempt, setAttempt] = useState(0);
  const registerPath = to(paths.programmeRegister, { programmeId: programme.id });

  /** The programme's pages read the current organisation: switch to the link's one first. */
  async function openProgramme(flash?: string) {
    if (me.currentOrgId !== preview.orgId)
      startSession(await api.call("switchOrg", { body: { orgId: preview.orgId } }));
    navigate(registerPath, flash ? { state: { flash } } : undefined);
  }

  const join = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof bodyFromDraft>["body"]>) =>
      api.call("joinProgrammeByLink", { params: { token }, body }),
    onSuccess: (result) =>
      openProgramme(
        result.enrolment.status === "pending_approval"
          ? `You registered for ${programme.name}. An admin will approve your registration.`
          : `You joined ${programme.name}.`,
      ),
    onError: () => setAttempt((value) => value + 1),
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : errorsFromServer(join.error);
  useFocusFirstProblem(errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { errors: problems, body } = bodyFromDraft(programme, draft);
    setClientErrors(problems);
    setAttempt((value) => value + 1);
    if (Object.keys(problems).length === 0 && body) join.mutate(body);
  }

  const registered = enrolment && enrolment.status !== "left" && enrolment.status !== "declined";
  return (
    <>
      <PageHeader
        title={`Join ${programme.name}`}
        description={`${preview.orgName}${programme.description ? ` · ${programme.description}` : ""}`}
      />
      {registered ? (
        <EmptyState
          title="You are already registered"
          actions={
            <Button variant="secondary" onClick={() => openProgramme()}>
              See your registration
            </Button>
          }
        />
      ) : !programme.registrationOpen ? (
        <EmptyState title="Registration is not open yet">
          <p>Keep this link: it works once the programme's admins open registration.</p>
        </EmptyState>
      ) : (
        <Card>
          <form className="registration-form stack" noValidate onSubmit={submit}>
            {programme.requiresApproval ? (
              <p className="muted">An admin approves each registration; you will hear from them.</p>
            ) : null}
            <RegistrationFields programme={programme} draft={draft} errors={errors} onChange={setDraft} />
            {join.isError && !isApiError(join.error, "validation_failed") ? (
              <Alert tone="error">{describeError(join.error)}</Alert>
            ) : Object.keys(errors).length > 0 ? (
              <Alert tone="error">Please correct the highlighted fields.</Alert>
            ) : null}
            <div className="form-actions">
              <Button type="submit" busy={join.isPending} busyLabel="Joining…">
                Join the programme
              </Button>
            </div>
          </form>
        </Card>
      )}
    </>
  );
}
