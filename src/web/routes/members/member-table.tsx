import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Member, Role } from "../../../contracts/index.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDate } from "../../components/format.ts";

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
  return (
    <>
      {problem ? <MemberProblem problem={problem} onDismiss={() => setProblem(null)} /> : null}
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
              onProblem={(error) => setProblem(error ? { memberName: member.name, error } : null)}
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
}: {
  orgId: string;
  member: Member;
  isMe: boolean;
  onProblem: (error: unknown) => void;
}) {
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (body: BodyOf<"updateMember">) =>
      api.call("updateMember", { params: { orgId, userId: member.userId }, body }),
    onMutate: () => onProblem(null),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.org(orgId), "members"] }),
    onError: (error) => onProblem(error),
  });
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
          onChange={(event) => update.mutate({ role: event.target.value as Role })}
        >
          <option value="owner">Owner</option>
          <option value="admin">Admin</option>
          <option value="member">Member</option>
        </select>
      </td>
      <td data-label="Status">
        <span className={`badge ${isActive ? "badge--success" : "badge--neutral"}`}>
          {isActive ? "Active" : "Deactivated"}
        </span>
      </td>
      <td data-label="Joined">{formatDate(member.joinedAt)}</td>
      <td className="data-table__actions">
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
