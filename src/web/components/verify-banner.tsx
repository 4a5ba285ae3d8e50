import { useMutation } from "@tanstack/react-query";
import type { Me } from "../../contracts/index.ts";
import { describeError } from "../api/api-error.ts";
import { api } from "../api/queries.ts";
import { Alert } from "./alert.tsx";
import { Button } from "./button.tsx";

/** Reminds people with an unverified email and lets them ask for the link again. */
export function VerifyEmailNotice({ me }: { me: Me }) {
  const resend = useMutation({ mutationFn: () => api.call("resendVerification") });
  if (me.user.emailVerified) return null;
  return (
    <div className="notice">
      <div className="notice__text">
        <p className="notice__title">Please verify your email</p>
        <p>
          We sent a link to <strong>{me.user.email}</strong>. Verifying it lets you recover your account if
          you forget your password.
        </p>
      </div>
      <Button
        variant="secondary"
        size="small"
        busy={resend.isPending}
        busyLabel="Sending…"
        onClick={() => resend.mutate()}
      >
        Send the link again
      </Button>
      <div aria-live="polite" className="notice__status">
        {resend.isSuccess ? <Alert tone="success">Sent. Check your inbox.</Alert> : null}
        {resend.isError ? <Alert tone="error">{describeError(resend.error)}</Alert> : null}
      </div>
    </div>
  );
}
