import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { type InvitationPreview, PasswordSchema, PersonNameSchema } from "../../../contracts/index.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, queryKeys, useStartSession } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Loading, useDocumentTitle } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { TwoFactorStep, useSignInResult } from "../sign-in/two-factor-step.tsx";

const NewAccountSchema = z.object({ name: PersonNameSchema, password: PasswordSchema });
type AcceptValues = { name?: string; password: string };
const ExistingAccountSchema = z.object({ password: z.string().min(1, { error: "is required" }) });

/** The page an invitation email links to: /invitations/:token */
export default function AcceptInvitationPage() {
  useDocumentTitle("Accept invitation");
  const { token = "" } = useParams();
  const preview = useQuery({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => api.call("previewInvitation", { params: { token } }),
    retry: false,
  });

  if (preview.isPending) return <Loading label="Opening your invitation…" />;
  if (preview.isError) {
    const gone =
      isApiError(preview.error, "token_invalid") ||
      isApiError(preview.error, "not_found") ||
      isApiError(preview.error, "validation_failed");
    return (
      <>
        <h1>Invitation not available</h1>
        <Alert tone="error">
          {gone
            ? "This invitation link is no longer valid: it may have expired, been revoked or been used already. Ask the person who invited you to send a new one."
            : describeError(preview.error)}
        </Alert>
        <p className="public-card__footer">
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </>
    );
  }
  return <AcceptForm token={token} preview={preview.data} />;
}

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const navigate = useNavigate();
  const startSession = useStartSession();
  const result = useSignInResult((me) => {
    startSession(me);
    navigate("/", { replace: true, state: { flash: `Welcome to ${preview.orgName}!` } });
  });
  const accept = useMutation({
    mutationFn: (body: BodyOf<"acceptInvitation">) =>
      api.call("acceptInvitation", { params: { token }, body }),
    onSuccess: (answer) => result.handle(answer),
  });
  const schema: z.ZodType<AcceptValues, AcceptValues> = preview.hasAccount
    ? ExistingAccountSchema
    : NewAccountSchema;
  const form = useContractForm(schema, (body) => accept.mutate(body), accept.error);
  if (result.challenge) return <TwoFactorStep challenge={result.challenge} onSignedIn={result.signedIn} />;
  const article = preview.role === "admin" || preview.role === "owner" ? "an" : "a";

  return (
    <>
      <h1>Join {preview.orgName}</h1>
      <p className="lead">
        You have been invited to join <strong>{preview.orgName}</strong> on Trellis as {article}{" "}
        <strong>{preview.role}</strong>.
      </p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? (
          <Alert tone="error">
            {isApiError(accept.error, "invalid_credentials")
              ? "That password does not match your existing Trellis account."
              : form.formError}
          </Alert>
        ) : null}
        <Field label="Email" name="email-display" value={preview.email} readOnly autoComplete="username" />
        {preview.hasAccount ? (
          <>
            <p>You already have a Trellis account with this email. Enter its password to join.</p>
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={form.fieldError("password")}
            />
          </>
        ) : (
          <>
            <Field
              label="Your name"
              name="name"
              autoComplete="name"
              required
              error={form.fieldError("name")}
            />
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              hint="Choose a password of at least 10 characters."
              required
              error={form.fieldError("password")}
            />
          </>
        )}
        <Button type="submit" busy={accept.isPending} busyLabel="Joining…" className="button--block">
          Accept invitation
        </Button>
      </form>
      {preview.hasAccount ? (
        <p className="public-card__footer">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      ) : null}
    </>
  );
}
