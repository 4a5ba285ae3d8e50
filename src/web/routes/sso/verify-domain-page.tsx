import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Loading, useDocumentTitle } from "../../components/page.tsx";

/** Where a domain verification email links to: /verify-domain?token=... It confirms on arrival. */
export default function VerifyDomainPage() {
  useDocumentTitle("Verify domain");
  const [search] = useSearchParams();
  const token = search.get("token") ?? "";
  const verify = useMutation({ mutationFn: () => api.call("verifySsoDomain", { body: { token } }) });
  const started = useRef(false);
  // The link is single-use: send it once, even when React runs effects twice in development.
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    verify.mutate();
  }, [token, verify]);

  let body: React.ReactNode;
  if (!token)
    body = (
      <Alert tone="error">This verification link is incomplete. Open the link from the email again.</Alert>
    );
  else if (verify.isSuccess)
    body = (
      <Alert tone="success" title="Domain verified">
        {verify.data.orgName} may now use {verify.data.domain} for single sign-on.
      </Alert>
    );
  else if (verify.isError)
    body = (
      <Alert tone="error" title="We could not verify the domain">
        {isApiError(verify.error, "token_invalid") || isApiError(verify.error, "validation_failed")
          ? "This link has expired or was used already. Ask the organisation's admin to send a new one."
          : describeError(verify.error)}
      </Alert>
    );
  else body = <Loading label="Verifying the domain…" />;
  return (
    <>
      <h1>Verify domain</h1>
      {body}
      <p>
        <Link to="/">Go to Trellis</Link>
      </p>
    </>
  );
}
