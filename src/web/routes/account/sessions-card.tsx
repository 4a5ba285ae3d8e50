import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { Session } from "../../../contracts/index.ts";
import { describeError } from "../../api/api-error.ts";
import { api, queryKeys, useEndSession } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, Loading } from "../../components/page.tsx";
import { describeUserAgent, formatDateTime } from "../../components/format.ts";

export function SessionsCard() {
  const sessions = useQuery({ queryKey: queryKeys.sessions, queryFn: () => api.call("listSessions") });
  const ordered = [...(sessions.data?.sessions ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  return (
    <Card title="Where you are signed in">
      <p className="muted">Sign out of any device you do not recognise or no longer use.</p>
      {sessions.isPending ? <Loading label="Loading sessions…" /> : null}
      {sessions.isError ? <Alert tone="error">{describeError(sessions.error)}</Alert> : null}
      {sessions.data ? (
        <ul className="session-list">
          {ordered.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function SessionRow({ session }: { session: Session }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const endSession = useEndSession();
  const device = describeUserAgent(session.userAgent);
  const revoke = useMutation({
    mutationFn: () => api.call("revokeSession", { params: { sessionId: session.id } }),
    onSuccess: () => {
      if (session.current) {
        endSession();
        navigate("/sign-in", { state: { flash: "You are signed out." } });
        return;
      }
      return client.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
  return (
    <li className="session-list__item">
      <div className="session-list__main">
        <p className="session-list__device">
          {device}
          {session.current ? <span className="badge badge--success">This device</span> : null}
        </p>
        <p className="session-list__meta">
          {session.ipAddress ? `${session.ipAddress} · ` : ""}Signed in {formatDateTime(session.createdAt)} ·
          Last active {formatDateTime(session.lastSeenAt)}
        </p>
        {revoke.isError ? <Alert tone="error">{describeError(revoke.error)}</Alert> : null}
      </div>
      <Button
        variant={session.current ? "secondary" : "danger"}
        size="small"
        busy={revoke.isPending}
        busyLabel="Signing out…"
        onClick={() => revoke.mutate()}
        aria-label={
          session.current
            ? undefined
            : `Revoke ${device} session, last active ${formatDateTime(session.lastSeenAt)}`
        }
      >
        {session.current ? "Sign out here" : "Revoke"}
      </Button>
    </li>
  );
}
