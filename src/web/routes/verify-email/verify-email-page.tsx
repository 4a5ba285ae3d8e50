import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, queryKeys, useMe } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Loading, useDocumentTitle } from "../../components/page.tsx";

/** The page a verification email links to: /verify-email?token=... It confirms on arrival. */
export default function VerifyEmailPage() {
  useDocumentTitle("Verify email");
  const [search] = useSearchParams();
  const token = search.get("token") ?? "";
  const client = useQueryClient();
  const me = useMe();
  const verify = useMutation({
    mutationFn: () => api.call("verifyEmail", { body: { token } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
  const started = useRef(false);

  // The link is single-use: send it once, even when React runs effects twice in development.
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    verify.mutate();
  }, [token, verify]);

  const onward = me.data ? (
    <Link to="/" className="button button--primary">
      Go to Trellis
    </Link>
  ) : (
    <Link to="/sign-in" className="button button--primary">
      Sign in
    </Link>
  );

  let body: React.ReactNode;
  if (!token) {
    body = (
      <Alert tone="error">This verification link is incomplete. Open the link from the email again.</Alert>
    );
  } else if (verify.isSuccess) {
    body = (
      <Alert tone="success" title="Email verified">
        Thank you: your email address is confirmed.
      </Alert>
    );
  } else if (verify.isError) {
    body = (
      <Alert tone="error" title="We could not verify your email">
        {isApiError(verify.error, "token_invalid") || isApiError(verify.error, "validation_failed")
          ? "This link has expired or was used already. Sign in and send a new one from My account."
          : describeError(verify.error)}
      </Alert>
    );
  } else {
    body = <Loading label="Verifying your email…" />;
  }

  return (
    <>
      <h1>Verify your email</h1>
      {body}
      {verify.isPending ? null : <p className="public-card__footer">{onward}</p>}
    </>
  );
}
