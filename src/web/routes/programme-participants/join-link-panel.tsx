import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { enrolmentKeys } from "./enrolment-queries.ts";

/**
 * The programme's join link. Only a hash of it is kept, so it is shown once, when made: copy it
 * then. Making a new one turns the old one off.
 */
export function JoinLinkPanel({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const client = useQueryClient();
  const params = { orgId, programmeId };
  const status = useQuery({
    queryKey: enrolmentKeys.joinLink(orgId, programmeId),
    queryFn: () => api.call("getJoinLink", { params }),
  });
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: enrolmentKeys.joinLink(orgId, programmeId) });
  const create = useMutation({
    mutationFn: () => api.call("createJoinLink", { params }),
    onSuccess: (link) => {
      setUrl(link.url);
      setCopied(null);
      return refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => api.call("disableJoinLink", { params }),
    onSuccess: () => {
      setUrl(null);
      return refresh();
    },
  });
  const active = status.data?.active ?? false;

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <details className="card disclosure">
      <summary className="disclosure__summary">Join link</summary>
      <div className="stack disclosure__body">
        <p>Members of your organisation who open the link see this programme and register themselves.</p>
        {status.isError ? <Alert tone="error">{describeError(status.error)}</Alert> : null}
        {url ? (
          <div className="join-link">
            <div className="field">
              <label htmlFor="join-link-url" className="field__label">
                Link (shown only now)
              </label>
              <input
                id="join-link-url"
                className="input"
                readOnly
                value={url}
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
            <Button variant="secondary" onClick={copy}>
              Copy link
            </Button>
          </div>
        ) : active ? (
          <p>
            A link is on. For safety it is shown only when made: make a new one to copy it again (the old one
            then stops working).
          </p>
        ) : (
          <p className="muted">There is no link: only people you add or import can join.</p>
        )}
        <p role="status" className="saved">
          {copied === "copied"
            ? "Copied to the clipboard."
            : copied === "failed"
              ? "Could not copy: select the link and copy it."
              : ""}
        </p>
        {create.isError ? <Alert tone="error">{describeError(create.error)}</Alert> : null}
        {disable.isError ? <Alert tone="error">{describeError(disable.error)}</Alert> : null}
        <div className="form-actions">
          <Button busy={create.isPending} busyLabel="Making a link…" onClick={() => create.mutate()}>
            {active ? "Make a new link" : "Make a join link"}
          </Button>
          {active ? (
            <Button
              variant="secondary"
              busy={disable.isPending}
              busyLabel="Turning off…"
              onClick={() => disable.mutate()}
            >
              Turn the link off
            </Button>
          ) : null}
        </div>
      </div>
    </details>
  );
}
