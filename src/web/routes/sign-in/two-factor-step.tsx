import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { z } from "zod";
import type { Me } from "../../../contracts/index.ts";
import type { SignInResult, TwoFactorChallenge } from "../../../contracts/two-factor.routes.ts";
import { isTwoFactorChallenge } from "../../../contracts/two-factor.routes.ts";
import { isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

const AppCodeSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, { error: "must be the 6 digits your app shows" })),
});
const RecoveryCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/i, { error: "must be one of your recovery codes, like abcde-23456" }),
});

/** Splits what a password step answered: signed in, or a challenge to show the code step for. */
export function useSignInResult(onSignedIn: (me: Me) => void) {
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  return {
    challenge,
    signedIn: onSignedIn,
    handle: (result: SignInResult) => {
      if (isTwoFactorChallenge(result)) setChallenge(result);
      else onSignedIn(result);
    },
  };
}

/**
 * The second step of a sign-in for people with two-factor on: the 6-digit code from their
 * authenticator app, or one of their recovery codes.
 */
export function TwoFactorStep({
  challenge,
  onSignedIn,
}: {
  challenge: TwoFactorChallenge;
  onSignedIn: (me: Me) => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const verify = useMutation({
    mutationFn: (code: string) =>
      api.call("signInTwoFactor", { body: { pendingToken: challenge.pendingToken, code } }),
    onSuccess: onSignedIn,
  });
  const form = useContractForm(
    useRecovery ? RecoveryCodeSchema : AppCodeSchema,
    (values) => verify.mutate(values.code),
    verify.error,
  );

  if (isApiError(verify.error, "token_invalid")) {
    return (
      <>
        <h1>Sign in again</h1>
        <Alert tone="error">{verify.error.message}</Alert>
        <p>
          <Link to="/sign-in" reloadDocument className="button button--primary">
            Back to sign in
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Two-factor sign-in</h1>
      <p className="lead">
        {useRecovery
          ? "Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each works once."
          : "Open your authenticator app and enter the 6-digit code it shows for Trellis."}
      </p>
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="stack"
        key={String(useRecovery)}
      >
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        {useRecovery ? (
          <Field
            label="Recovery code"
            name="code"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={form.fieldError("code")}
          />
        ) : (
          <Field
            label="Code from your app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            error={form.fieldError("code")}
          />
        )}
        <Button type="submit" busy={verify.isPending} busyLabel="Checking…" className="button--block">
          Verify and sign in
        </Button>
      </form>
      <p className="public-card__footer">
        <button type="button" className="button button--ghost" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? "Use the code from my app" : "Use a recovery code instead"}
        </button>
      </p>
    </>
  );
}
