import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { type Me, SignInRequestSchema } from "../../../contracts/index.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, useMe, useSetupStatus, useStartSession } from "../../api/queries.ts";
import { safeNext } from "../../app/require-auth.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { useDocumentTitle } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { ContinueWithSso, SSO_REFUSALS, useSsoLookup } from "../sso/sso-step.tsx";
import { TwoFactorStep, useSignInResult } from "./two-factor-step.tsx";

export default function SignInPage() {
  useDocumentTitle("Sign in");
  const [search] = useSearchParams();
  const next = safeNext(search.get("next"));
  const navigate = useNavigate();
  const me = useMe();
  const setup = useSetupStatus();
  const startSession = useStartSession();
  const signedIn = (me: Me) => {
    startSession(me);
    navigate(next, { replace: true });
  };
  const result = useSignInResult(signedIn);
  const signIn = useMutation({
    mutationFn: (body: BodyOf<"signIn">) => api.call("signIn", { body }),
    onSuccess: result.handle,
  });
  const form = useContractForm(SignInRequestSchema, (body) => signIn.mutate(body), signIn.error);
  const [email, setEmail] = useState("");
  const sso = useSsoLookup(email);
  const ssoRefusal = SSO_REFUSALS[search.get("sso") ?? ""];

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;
  if (result.challenge) return <TwoFactorStep challenge={result.challenge} onSignedIn={signedIn} />;

  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">Welcome back. Sign in to your Trellis account.</p>
      {next !== "/" ? <Alert tone="info">Please sign in to continue.</Alert> : null}
      {ssoRefusal ? (
        <Alert tone="error" title="Single sign-on did not work">
          {ssoRefusal}
        </Alert>
      ) : null}
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={form.fieldError("email")}
        />
        {sso ? <ContinueWithSso email={email} lookup={sso} /> : null}
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.fieldError("password")}
        />
        <Button type="submit" busy={signIn.isPending} busyLabel="Signing in…" className="button--block">
          Sign in
        </Button>
      </form>
      <p className="public-card__footer">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </>
  );
}
