import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { type Me, PasswordSchema } from "../../../contracts/index.ts";
import { isApiError } from "../../api/api-error.ts";
import { api, useStartSession } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { useDocumentTitle } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { TwoFactorStep, useSignInResult } from "../sign-in/two-factor-step.tsx";

const ResetFormSchema = z
  .object({ password: PasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    error: "does not match the new password",
  });

/** The page a reset email links to: /reset-password?token=... */
export default function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const [search] = useSearchParams();
  const token = search.get("token") ?? "";
  const navigate = useNavigate();
  const startSession = useStartSession();
  const result = useSignInResult((me: Me) => {
    startSession(me);
    navigate("/", {
      replace: true,
      state: { flash: "Your password has been changed and you are signed in." },
    });
  });
  const reset = useMutation({
    mutationFn: (password: string) => api.call("confirmPasswordReset", { body: { token, password } }),
    onSuccess: (answer) => result.handle(answer),
  });
  const form = useContractForm(ResetFormSchema, (values) => reset.mutate(values.password), reset.error);
  const linkIsBad =
    token.length === 0 ||
    isApiError(reset.error, "token_invalid") ||
    (isApiError(reset.error, "validation_failed") && "token" in reset.error.fieldErrors());

  // The password is changed; with two-factor on, the code is still needed to sign in.
  if (result.challenge) return <TwoFactorStep challenge={result.challenge} onSignedIn={result.signedIn} />;
  if (linkIsBad) {
    return (
      <>
        <h1>This link has expired</h1>
        <Alert tone="error">
          This password reset link is no longer valid: it may have expired or been used already.
        </Alert>
        <p>
          <Link to="/forgot-password" className="button button--primary">
            Request a new link
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Choose a new password</h1>
      <p className="lead">Pick a password of at least 10 characters. You will be signed in afterwards.</p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          error={form.fieldError("password")}
        />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={form.fieldError("confirmPassword")}
        />
        <Button type="submit" busy={reset.isPending} busyLabel="Saving…" className="button--block">
          Set new password
        </Button>
      </form>
    </>
  );
}
