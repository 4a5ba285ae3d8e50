import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Member, Role } from "../../../contracts/index.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDate } from "../../components/format.ts";
import { ConfirmDialog } from "../relationships/confirm-dialog.tsx";
import { IssueResetButton } from "./issue-reset-button.tsx";

/** "a member", "an admin", "an owner". */
const withArticle = (role: Role) => (role === "member" ? "a member" : `an ${role}`);

/** What each role may do, so the confirmation says what a change gives or takes away. */
const ROLE_POWERS: Record<Role, string> = {
  owner: "Owners can do everything admins can, and make or remove other owners.",
  admin: "Admins run programmes, invite and manage members, and read the sent email.",
  member: "Members take part in programmes; they cannot manage members or programmes.",
};

/** "Ana is now an admin." */
export function roleChangedMessage(name: string, role: Role): string {
  return `${name} is now ${withArticle(role)}.`;
}

interface Problem {
  memberName: string;
  error: unknown;
}

/** Members as a table (cards on narrow screens), with role and status changes in each row. */
export function MemberTable({
  orgId,
  members,
  myUserId,
}: {
  orgId: string;
  members: Member[];
  myUserId: string;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      {problem ? <MemberProblem problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {/* A success Alert is a status region: rendered when there is news, so it is announced. */}
      {notice ? (
        <Alert key={notice} tone="success">
          {notice}
        </Alert>
      ) : null}
      <table className="data-table">
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              orgId={orgId}
              member={member}
              isMe={member.userId === myUserId}
              onProblem={(error) => {
                setProblem(error ? { memberName: member.name, error } : null);
                if (error) setNotice(null);
              }}
              onChanged={setNotice}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

function MemberProblem({ problem, onDismiss }: { problem: Problem; onDismiss: () => void }) {
  const lastOwner = isApiError(problem.error, "last_owner");
  return (
    <div className="problem">
      <Alert
        tone="error"
        title={lastOwner ? "The last owner must stay" : `Could not change ${problem.memberName}`}
      >
        <p>
          {lastOwner
            ? `${problem.memberName} is the only active owner. Every organisation needs one: make someone else an owner first, then change ${problem.memberName}.`
            : describeError(problem.error)}
        </p>
      </Alert>
      <Button variant="ghost" size="small" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}

function MemberRow({
  orgId,
  member,
  isMe,
  onProblem,
  onChanged,
}: {
  orgId: string;
  member: Member;
  isMe: boolean;
  onProblem: (error: unknown) => void;
  onChanged: (message: string) => void;
}) {
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (body: BodyOf<"updateMember">) =>
      api.call("updateMember", { params: { orgId, userId: member.userId }, body }),
    onMutate: () => onProblem(null),
    onSuccess: (updated, body) => {
      if (body.role) {
        setPendingRole(null);
        onChanged(roleChangedMessage(updated.name, updated.role));
      } else if (body.status) {
        onChanged(`${updated.name} is ${body.status === "active" ? "active again" : "deactivated"}.`);
      }
      return client.invalidateQueries({ queryKey: [...queryKeys.org(orgId), "members"] });
    },
    onError: (error, body) => {
      // A refusal closes the dialog and is explained above the table (the last owner must stay).
      if (body.role) setPendingRole(null);
      onProblem(error);
    },
  });
  // The role chosen in the list, waiting for the admin to confirm it.
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const isActive = member.status === "active";
  const roleSelectId = `role-${member.userId}`;

  return (
    <tr className={isActive ? undefined : "data-table__row--muted"}>
      <td data-label="Name">
        <span className="member-name">
          {member.name}
          {isMe ? <span className="badge">You</span> : null}
        </span>
        <span className="member-email">{member.email}</span>
      </td>
      <td data-label="Role">
        <label htmlFor={roleSelectId} className="visually-hidden">
          Role of {member.name}
        </label>
        <select
          id={roleSelectId}
          className="input select input--compact"
          value={member.role}
          aria-busy={(update.isPending && update.variables?.role !== undefined) || undefined}
          onChange={(event) => {
            const role = event.target.value as Role;
            if (role !== member.role) {
              update.reset();
              setPendingRole(role);
            }
          }}
        >
          <option value="owner">Owner</option>
          <option value="admin">Admin</option>
          <option value="member">Member</option>
        </select>
        <ConfirmDialog
          open={pendingRole !== null}
          title={`Change ${member.name}'s role?`}
          confirmLabel={pendingRole ? `Make ${withArticle(pendingRole)}` : "Change"}
          busyLabel="Changing…"
          tone={pendingRole === "owner" || (isMe && pendingRole === "member") ? "danger" : "primary"}
          busy={update.isPending}
          error={null}
          onConfirm={() => pendingRole && update.mutate({ role: pendingRole })}
          onClose={() => {
            setPendingRole(null);
            update.reset();
          }}
        >
          {pendingRole ? (
            <>
              <p>
                {member.name} is {withArticle(member.role)} and will become {withArticle(pendingRole)}.
              </p>
              <p>{ROLE_POWERS[pendingRole]}</p>
              {isMe ? <p>This is your own role: you may lose access to this page.</p> : null}
            </>
          ) : null}
        </ConfirmDialog>
      </td>
      <td data-label="Status">
        <span className={`badge ${isActive ? "badge--success" : "badge--neutral"}`}>
          {isActive ? "Active" : "Deactivated"}
        </span>
      </td>
      <td data-label="Joined">{formatDate(member.joinedAt)}</td>
      <td className="data-table__actions">
        {isActive && !isMe ? <IssueResetButton orgId={orgId} member={member} /> : null}
        <Button
          variant={isActive ? "danger" : "secondary"}
          size="small"
          busy={update.isPending && update.variables?.status !== undefined}
          busyLabel={isActive ? "Deactivating…" : "Reactivating…"}
          aria-label={`${isActive ? "Deactivate" : "Reactivate"} ${member.name}`}
          onClick={() => update.mutate({ status: isActive ? "deactivated" : "active" })}
        >
          {isActive ? "Deactivate" : "Reactivate"}
        </Button>
      </td>
    </tr>
  );
}
