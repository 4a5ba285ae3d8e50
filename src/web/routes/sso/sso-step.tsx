import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { SsoLookup } from "../../../contracts/sso.routes.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";

/** Why a sign-in through the provider came back refused (`/sign-in?sso=<reason>`), in words. */
export const SSO_REFUSALS: Record<string, string> = {
  expired: "That single sign-on took too long or was started in another browser. Please try again.",
  denied: "Your identity provider did not sign you in.",
  failed:
    "Your identity provider's answer could not be verified, so you were not signed in. Please try again.",
  email_unverified:
    "Your identity provider has not verified your email address, so it cannot be used to sign you in. Ask your IT team.",
  email_outside_domains: "Your identity provider gave an email address outside your organisation's domains.",
  deactivated: "Your membership of this organisation has been deactivated. Ask an admin.",
  no_email: "Your identity provider did not send an email address.",
};

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/**
 * Asks, once an email is typed, whether its domain signs in through an organisation's provider;
 * answers what the sign-in page shows (nothing, or the "Continue with SSO" step).
 */
export function useSsoLookup(email: string) {
  const [result, setResult] = useState<{ email: string; lookup: SsoLookup } | null>(null);
  useEffect(() => {
    const typed = email.trim().toLowerCase();
    if (!looksLikeEmail(typed)) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .call("ssoLookup", { body: { email: typed } })
        .then((lookup) => {
          if (!cancelled) setResult({ email: typed, lookup });
        })
        .catch(() => undefined);
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [email]);
  return result && result.email === email.trim().toLowerCase() && result.lookup.sso ? result.lookup : null;
}

/** The "Continue with SSO" step: sends the browser to the organisation's identity provider. */
export function ContinueWithSso({ email, lookup }: { email: string; lookup: SsoLookup }) {
  const start = useMutation({
    mutationFn: () => api.call("ssoStart", { body: { email: email.trim().toLowerCase() } }),
    onSuccess: (answer) => window.location.assign(answer.redirectUrl),
  });
  return (
    <section className="stack" aria-labelledby="sso-step-title">
      <h2 id="sso-step-title" className="card__title">
        Single sign-on
      </h2>
      <p>
        {lookup.orgName} signs in people at this address through its identity provider
        {lookup.required ? ". Passwords are not used for its members." : "."}
      </p>
      {start.isError ? <Alert tone="error">{describeError(start.error)}</Alert> : null}
      <Button
        className="button--block"
        busy={start.isPending || start.isSuccess}
        busyLabel="Going to your identity provider…"
        onClick={() => start.mutate()}
      >
        Continue with SSO
      </Button>
    </section>
  );
}
