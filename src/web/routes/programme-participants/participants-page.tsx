import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import {
  EnrolmentRoleSchema,
  EnrolmentStatusSchema,
  type ParticipantCounts,
} from "../../../contracts/enrolment.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { AddByEmail } from "./add-by-email.tsx";
import { enrolmentKeys, ROLE_LABELS, STATUS_LABELS } from "./enrolment-queries.ts";
import { JoinLinkPanel } from "./join-link-panel.tsx";
import { ParticipantTable } from "./participant-table.tsx";
import "./enrolment.css";
import { Pager } from "../../components/pager.tsx";

const pageSize = 50;

/** Admins: the people in a programme, with filters, search, approval, adding people and the join link. */
export default function ParticipantsPage() {
  const me = useMe().data!;
  const { programmeId = "" } = useParams();
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Participants" />;
  return <Participants orgId={me.currentOrgId} programmeId={programmeId} />;
}

const ROLE_COUNTS = {
  mentee: ["mentee", "mentees"],
  mentor: ["mentor", "mentors"],
  both: ["mentor and mentee", "mentors and mentees"],
} as const;

function Counts({ counts }: { counts: ParticipantCounts }) {
  const parts = [
    ...Object.entries(counts.byRole)
      .filter(([, count]) => count > 0)
      .map(
        ([role, count]) => `${count} ${ROLE_COUNTS[role as keyof typeof ROLE_COUNTS][count === 1 ? 0 : 1]}`,
      ),
    ...Object.entries(counts.byStatus)
      .filter(([, count]) => count > 0)
      .map(
        ([status, count]) => `${count} ${STATUS_LABELS[status as keyof typeof STATUS_LABELS].toLowerCase()}`,
      ),
  ];
  return (
    <ul className="counts" aria-label="Participants by role and status">
      <li>
        <strong>{counts.all}</strong> in all
      </li>
      {parts.map((part) => (
        <li key={part}>{part}</li>
      ))}
    </ul>
  );
}

function Participants({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const role = EnrolmentRoleSchema.safeParse(search.get("role")).data;
  const status = EnrolmentStatusSchema.safeParse(search.get("status")).data;
  const page = Math.max(0, Number(search.get("page")) || 0);
  const [draft, setDraft] = useState(q);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => () => clearTimeout(typing.current), []);
  // The search box updates the URL a moment after typing stops: by then the latest `update`
  // (bound to the URL as it is then) must run, not the one from the keystroke.
  const latestUpdate = useRef(update);
  latestUpdate.current = update;

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next, { replace: true });
  }

  const filters = { q: q || undefined, role, status, limit: pageSize, offset: page * pageSize };
  const list = useQuery({
    queryKey: enrolmentKeys.participants(orgId, programmeId, filters),
    queryFn: () => api.call("listParticipants", { params: { orgId, programmeId }, query: filters }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const filtered = Boolean(q || role || status);
  const importPath = to(paths.programmeImport, { programmeId });

  return (
    <>
      <PageHeader
        title="Participants"
        description="Everyone registered, imported or added. Approve registrations, change roles and capacities."
        actions={
          <Link to={importPath} className="button button--secondary">
            Import from CSV
          </Link>
        }
      />
      {list.data ? <Counts counts={list.data.counts} /> : null}
      <div className="card-grid add-people">
        <AddByEmail orgId={orgId} programmeId={programmeId} />
        <JoinLinkPanel orgId={orgId} programmeId={programmeId} />
      </div>
      <search className="toolbar" aria-label="Filter participants">
        <Field
          label="Search participants"
          name="q"
          id="participant-search"
          type="search"
          className="toolbar__search"
          placeholder="Name or email"
          value={draft}
          onChange={(event) => {
            const value = event.target.value;
            setDraft(value);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => latestUpdate.current({ q: value, page: "" }), 300);
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
          id="participant-role"
          value={role ?? ""}
          onChange={(event) => update({ role: event.target.value, page: "" })}
        >
          <option value="">Any role</option>
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Status"
          name="status"
          id="participant-status"
          value={status ?? ""}
          onChange={(event) => update({ status: event.target.value, page: "" })}
        >
          <option value="">Any status</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </search>
      <p className="result-count" aria-live="polite">
        {list.data ? `${total} ${total === 1 ? "person" : "people"}${filtered ? " found" : ""}` : ""}
      </p>
      {list.isPending ? <Loading label="Loading participants…" /> : null}
      {list.isError ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data && list.data.participants.length === 0 ? (
        filtered ? (
          <EmptyState title="No one matches">
            <p>Try another name, or clear the filters.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="Nobody is in this programme yet"
            actions={
              <Link to={importPath} className="button button--primary">
                Import people from a CSV file
              </Link>
            }
          >
            <p>Import a spreadsheet of people, add them by email, or share a join link (above).</p>
          </EmptyState>
        )
      ) : null}
      {list.data && list.data.participants.length > 0 ? (
        <ParticipantTable orgId={orgId} programmeId={programmeId} participants={list.data.participants} />
      ) : null}
      <Pager
        label="Participant pages"
        page={page}
        pageSize={pageSize}
        total={total}
        onPage={(next) => update({ page: String(next) })}
      />
    </>
  );
}
