import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Member } from "../../../contracts/index.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDateTime, zoneName } from "../../components/format.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";
import { ConfirmDialog } from "../relationships/confirm-dialog.tsx";

/**
 * "Reset link" for one member: after a confirmation, the server issues a one-time password reset
 * link that is shown here once (kept only in this component's memory) for the admin to pass on.
 * The member is told in the app and by email who issued it (docs/adr/0003-resets-without-smtp.md).
 */
export function IssueResetButton({ orgId, member }: { orgId: string; member: Member }) {
  const [asking, setAsking] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const inputId = useId();
  const timeZone = useViewerTimeZone(orgId);
  const issue = useMutation({
    mutationFn: () => api.call("issueMemberResetLink", { params: { orgId, userId: member.userId } }),
    onSuccess: (issued) => {
      setAsking(false);
      setCopied(false);
      setLink(issued);
    },
  });

  return (
    <>
      <Button
        variant="secondary"
        size="small"
        aria-label={`Issue a password reset link for ${member.name}`}
        onClick={() => {
          issue.reset();
          setAsking(true);
        }}
      >
        Reset link
      </Button>
      <ConfirmDialog
        open={asking}
        title={`Issue a password reset link for ${member.name}?`}
        confirmLabel="Issue the link"
        busyLabel="Issuing…"
        tone="danger"
        busy={issue.isPending}
        error={issue.isError ? issue.error : null}
        onConfirm={() => issue.mutate()}
        onClose={() => setAsking(false)}
      >
        <p>
          Whoever opens the link can set a new password and sign in as {member.name}, so give it only to them,
          in person or by a channel you trust.
        </p>
        <p>
          {member.name} will be told in Trellis and by email that you issued it. The link is shown to you once
          and works once.
        </p>
      </ConfirmDialog>
      {link ? (
        <div className="issued-reset">
          <Alert tone="success" title={`Reset link for ${member.name}`}>
            <label htmlFor={inputId}>
              Shown once; works once, until {formatDateTime(link.expiresAt, timeZone)} ({zoneName(timeZone)}).
            </label>
            <input
              id={inputId}
              className="input"
              readOnly
              value={link.url}
              onFocus={(event) => event.target.select()}
            />
          </Alert>
          <Button
            variant="secondary"
            size="small"
            onClick={async () => {
              await navigator.clipboard?.writeText(link.url);
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy link"}
          </Button>
          <Button variant="ghost" size="small" onClick={() => setLink(null)}>
            Done
          </Button>
        </div>
      ) : null}
    </>
  );
}
