import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { RoleSchema, MemberStatusSchema } from "../../../contracts/index.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { MemberTable } from "./member-table.tsx";
import { Pager } from "../../components/pager.tsx";

const pageSize = 50;

export default function MembersPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Members" />;
  return <Members orgId={me.currentOrgId} myUserId={me.user.id} />;
}

function Members({ orgId, myUserId }: { orgId: string; myUserId: string }) {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const role = RoleSchema.safeParse(search.get("role")).data;
  const status = MemberStatusSchema.safeParse(search.get("status")).data;
  const page = Math.max(0, Number(search.get("page")) || 0);
  const [draft, setDraft] = useState(q);

  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The URL is the truth (back and forward change it): follow it.
  useEffect(() => setDraft(q), [q]);
  useEffect(() => () => clearTimeout(typing.current), []);

  // From the URL as it is when the change lands (a search typed earlier fires 300 ms later and
  // must not undo a filter chosen meanwhile).
  function update(changes: Record<string, string>) {
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const filters = { q, role, status, limit: pageSize, offset: page * pageSize };
  const members = useQuery({
    queryKey: queryKeys.members(orgId, filters),
    queryFn: () => api.call("listMembers", { params: { orgId }, query: filters }),
    placeholderData: keepPreviousData,
  });
  const total = members.data?.total ?? 0;
  const filtered = Boolean(q || role || status);

  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone in your organisation. Change roles, or deactivate people who have left."
        actions={
          <Link to="/members/invitations" className="button button--primary">
            Invite people
          </Link>
        }
      />
      <search className="toolbar" aria-label="Filter members">
        <Field
          label="Search members"
          name="q"
          id="member-search"
          type="search"
          className="toolbar__search"
          placeholder="Name or email"
          value={draft}
          onChange={(event) => {
            // Search as the person types, a moment after they pause.
            const value = event.target.value;
            setDraft(value);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => update({ q: value, page: "" }), 300);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              clearTimeout(typing.current);
              update({ q: draft, page: "" });
            }
          }}
        />
        <SelectField
          label="Role"
          name="role"
          id="member-role"
          value={role ?? ""}
          onChange={(event) => update({ role: event.target.value, page: "" })}
        >
          <option value="">Any role</option>
          <option value="owner">Owner</option>
          <option value="admin">Admin</option>
          <option value="member">Member</option>
        </SelectField>
        <SelectField
          label="Status"
          name="status"
          id="member-status"
          value={status ?? ""}
          onChange={(event) => update({ status: event.target.value, page: "" })}
        >
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="deactivated">Deactivated</option>
        </SelectField>
      </search>
      <p className="result-count" aria-live="polite">
        {members.data ? `${total} ${total === 1 ? "member" : "members"}${filtered ? " found" : ""}` : ""}
      </p>
      {members.isPending ? <Loading label="Loading members…" /> : null}
      {members.isError ? <Alert tone="error">{describeError(members.error)}</Alert> : null}
      {members.data && members.data.members.length === 0 ? (
        <EmptyState title={filtered ? "No one matches" : "No members yet"}>
          <p>{filtered ? "Try another name, or clear the filters." : "Invite people to get started."}</p>
        </EmptyState>
      ) : null}
      {members.data && members.data.members.length > 0 ? (
        <MemberTable orgId={orgId} members={members.data.members} myUserId={myUserId} />
      ) : null}
      <Pager
        label="Member pages"
        page={page}
        pageSize={pageSize}
        total={total}
        onPage={(next) => update({ page: String(next) })}
      />
    </>
  );
}
