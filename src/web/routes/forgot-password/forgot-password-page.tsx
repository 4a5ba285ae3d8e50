import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { PasswordResetRequestSchema } from "../../../contracts/index.ts";
import type { BodyOf } from "../../api/client.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { useDocumentTitle } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

/** Ask for a reset link. The server always accepts, so we never reveal whether an account exists. */
export default function ForgotPasswordPage() {
  useDocumentTitle("Forgot password");
  const request = useMutation({
    mutationFn: (body: BodyOf<"requestPasswordReset">) => api.call("requestPasswordReset", { body }),
  });
  const form = useContractForm(PasswordResetRequestSchema, (body) => request.mutate(body), request.error);

  return (
    <>
      <h1>Forgot your password?</h1>
      {request.isSuccess ? (
        <>
          <Alert tone="success" title="Check your email">
            <p>
              If an account uses <strong>{request.variables.email}</strong>, we have sent it a link to choose
              a new password. The link works for a limited time.
            </p>
          </Alert>
          <p className="public-card__footer">
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">Enter your email and we will send you a link to choose a new password.</p>
          <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
            {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              required
              error={form.fieldError("email")}
            />
            <Button type="submit" busy={request.isPending} busyLabel="Sending…" className="button--block">
              Send reset link
            </Button>
          </form>
          <p className="public-card__footer">
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </>
      )}
    </>
  );
}
