import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { useSearchParams } from "react-router";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  auditActionLabel,
  type AuditAction,
  AuditActionSchema,
  type AuditEntry,
} from "../../../contracts/audit.routes.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { formatDate, formatDateTime, zoneNote } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { Pager } from "../../components/pager.tsx";
import { useViewerTimeZone } from "../requests/request-api.ts";

const pageSize = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Settings → Audit log: who did what and when, filtered, paged, exported as CSV (admins). */
export default function AuditLogPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Audit log" />;
  return <AuditLog orgId={me.currentOrgId} />;
}

/** A day picked in the viewer's zone → the instant it starts there (end days: the next day's start). */
function dayStart(day: string, zone: string, plusDays = 0): string | undefined {
  if (!DAY.test(day)) return undefined;
  const start = DateTime.fromISO(day, { zone }).startOf("day").plus({ days: plusDays });
  return start.isValid ? (start.toUTC().toISO() ?? undefined) : undefined;
}

function AuditLog({ orgId }: { orgId: string }) {
  const zone = useViewerTimeZone(orgId);
  const [search, setSearch] = useSearchParams();
  const actorId = search.get("actor") ?? "";
  const action = AuditActionSchema.safeParse(search.get("action")).data;
  const fromDay = search.get("from") ?? "";
  const toDay = search.get("to") ?? "";
  const page = Math.max(0, Number(search.get("page")) || 0);

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

  const filter = {
    actorId: actorId || undefined,
    action,
    from: dayStart(fromDay, zone),
    to: dayStart(toDay, zone, 1),
  };
  const query = { ...filter, limit: pageSize, offset: page * pageSize };
  const log = useQuery({
    queryKey: [...queryKeys.org(orgId), "audit-log", query],
    queryFn: () => api.call("listAuditLog", { params: { orgId }, query }),
    placeholderData: keepPreviousData,
  });
  const total = log.data?.total ?? 0;
  const filtered = Boolean(actorId || action || fromDay || toDay);
  const exportQuery = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  ).toString();
  const exportHref = `/api/orgs/${orgId}/audit-log/export${exportQuery ? `?${exportQuery}` : ""}`;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what and when: role changes, reset links, sign-in rules, exports and deleted accounts. Entries cannot be changed or removed."
        actions={
          <a className="button button--secondary" href={exportHref} download>
            Export CSV
          </a>
        }
      />
      <search className="toolbar" aria-label="Filter the audit log">
        <SelectField
          label="Who"
          name="actor"
          id="audit-actor"
          value={actorId}
          onChange={(event) => update({ actor: event.target.value, page: "" })}
        >
          <option value="">Anyone</option>
          {(log.data?.actors ?? []).map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="What"
          name="action"
          id="audit-action"
          value={action ?? ""}
          onChange={(event) => update({ action: event.target.value, page: "" })}
        >
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((value) => (
            <option key={value} value={value}>
              {AUDIT_ACTION_LABELS[value]}
            </option>
          ))}
        </SelectField>
        <Field
          label="From"
          name="from"
          id="audit-from"
          type="date"
          value={fromDay}
          onChange={(event) => update({ from: event.target.value, page: "" })}
        />
        <Field
          label="To"
          name="to"
          id="audit-to"
          type="date"
          value={toDay}
          hint={`Whole days in ${zone.replace(/_/g, " ")}`}
          onChange={(event) => update({ to: event.target.value, page: "" })}
        />
      </search>
      <p className="result-count" aria-live="polite">
        {log.data ? `${total} ${total === 1 ? "entry" : "entries"}${filtered ? " found" : ""}` : ""}
      </p>
      {log.isPending ? <Loading label="Loading the audit log…" /> : null}
      {log.isError ? <Alert tone="error">{describeError(log.error)}</Alert> : null}
      {log.data && log.data.entries.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches" : "Nothing recorded yet"}>
          <p>{filtered ? "Try other filters, or clear them." : "Changes admins make will be listed here."}</p>
        </EmptyState>
      ) : null}
      {log.data && log.data.entries.length > 0 ? (
        <>
          <p className="muted">{zoneNote(zone)}</p>
          <table className="data-table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="When">{formatDateTime(entry.at, zone)}</td>
                  <td data-label="Who">{entry.actorName ?? "—"}</td>
                  <td data-label="What">{auditActionLabel(entry.action)}</td>
                  <td data-label="About">{entry.subjectName ?? "—"}</td>
                  <td data-label="Details">{describeDetails(entry, zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <Pager
        label="Audit log pages"
        page={page}
        pageSize={pageSize}
        total={total}
        onPage={(next) => update({ page: String(next) })}
      />
    </>
  );
}

const word = (value: unknown) => (typeof value === "string" ? value : "");

/** A short phrase for an entry's details, in words. */
function describeDetails(entry: AuditEntry, zone: string): string {
  const details = entry.details;
  switch (entry.action as AuditAction) {
    case "member.role_changed":
      return `${word(details.from)} → ${word(details.to)}`;
    case "member.deactivated":
    case "member.reactivated":
      return word(details.role) ? `as ${word(details.role)}` : "";
    case "member.reset_link_issued":
      return word(details.expiresAt) ? `link expires ${formatDateTime(word(details.expiresAt), zone)}` : "";
    case "security.two_factor_requirement_changed":
      return details.requireTwoFactorForAdmins ? "now required" : "no longer required";
    case "account.deleted":
      return word(details.deletedAt) ? `on ${formatDate(word(details.deletedAt), zone)}` : "";
    default:
      return typeof details.rows === "number" ? `${details.rows} rows` : "";
  }
}
