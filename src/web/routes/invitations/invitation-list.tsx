import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Invitation } from "../../../contracts/index.ts";
import { describeError } from "../../api/api-error.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDate, formatDateTime } from "../../components/format.ts";

const statusTone: Record<Invitation["status"], string> = {
  pending: "badge--info",
  accepted: "badge--success",
  revoked: "badge--neutral",
  expired: "badge--warning",
};

export function InvitationList({ orgId, invitations }: { orgId: string; invitations: Invitation[] }) {
  return (
    <ul className="item-list">
      {invitations.map((invitation) => (
        <InvitationItem key={invitation.id} orgId={orgId} invitation={invitation} />
      ))}
    </ul>
  );
}

function InvitationItem({ orgId, invitation }: { orgId: string; invitation: Invitation }) {
  const client = useQueryClient();
  const [confirmingRevoke, setConfirmingRevoke] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Keep keyboard focus on the question and back on Revoke when it is answered "Keep".
  useEffect(() => {
    if (confirmingRevoke) {
      asked.current = true;
      confirmRef.current?.focus();
    } else if (asked.current) {
      revokeRef.current?.focus();
    }
  }, [confirmingRevoke]);
  const refresh = () => {
    client.invalidateQueries({ queryKey: queryKeys.invitations(orgId) });
    client.invalidateQueries({ queryKey: queryKeys.emails(orgId) });
  };
  const params = { orgId, invitationId: invitation.id };
  const resend = useMutation({
    mutationFn: () => api.call("resendInvitation", { params }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: () => api.call("revokeInvitation", { params }),
    onSuccess: refresh,
  });
  const canResend = invitation.status === "pending" || invitation.status === "expired";
  const error = resend.error ?? revoke.error;

  return (
    <li className="item-list__item">
      <div className="item-list__main">
        <p className="item-list__title">
          {invitation.email}{" "}
          <span className={`badge ${statusTone[invitation.status]}`}>{invitation.status}</span>
        </p>
        <p className="item-list__meta">
          {invitation.role} · invited{invitation.invitedByName ? ` by ${invitation.invitedByName}` : ""}{" "}
          {formatDate(invitation.createdAt)} · last sent {formatDateTime(invitation.lastSentAt)}
          {invitation.status === "pending" ? ` · expires ${formatDate(invitation.expiresAt)}` : ""}
        </p>
        {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
        {resend.isSuccess ? <Alert tone="success">Sent again with a fresh link.</Alert> : null}
      </div>
      {canResend || invitation.status === "pending" ? (
        <div className="item-list__actions">
          {confirmingRevoke ? (
            <>
              <span className="confirm-text" id={`revoke-${invitation.id}`}>
                Revoke this invitation?
              </span>
              <Button
                variant="danger"
                size="small"
                busy={revoke.isPending}
                busyLabel="Revoking…"
                ref={confirmRef}
                aria-describedby={`revoke-${invitation.id}`}
                onClick={() => revoke.mutate()}
              >
                Yes, revoke
              </Button>
              <Button variant="ghost" size="small" onClick={() => setConfirmingRevoke(false)}>
                Keep
              </Button>
            </>
          ) : (
            <>
              {canResend ? (
                <Button
                  variant="secondary"
                  size="small"
                  busy={resend.isPending}
                  busyLabel="Sending…"
                  aria-label={`Resend invitation to ${invitation.email}`}
                  onClick={() => resend.mutate()}
                >
                  Resend
                </Button>
              ) : null}
              {invitation.status === "pending" ? (
                <Button
                  variant="danger"
                  size="small"
                  ref={revokeRef}
                  aria-label={`Revoke invitation to ${invitation.email}`}
                  onClick={() => setConfirmingRevoke(true)}
                >
                  Revoke
                </Button>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
